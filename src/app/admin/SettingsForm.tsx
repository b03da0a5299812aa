// "Routing and tasks": the instance's settings admins choose (push routing and how long a
// reservation waits, wrap-up time, the outcome tag rule, how long an offer waits). Only the changed fields are sent (settingsPatch);
// then /api/me is asked again, since the PWA reads the settings from it (they are not synced).
import { createEffect, createSignal, For, on, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import { api } from '../../api';
import {
  capacityChannels,
  settingsForm,
  settingsPatch,
  withSettingDefaults,
  type SettingsFieldProblem,
} from '../../domain';
import { t } from '../../i18n';
import { showToast, TextField } from '../../ui';
import { describeError } from '../errors';
import { currentMe, refreshMe } from '../session';

const wrapUpText: Record<SettingsFieldProblem, () => string> = {
  notWholeNumber: () => t('admin.settings.wrapUpNotWhole'),
  outOfRange: () => t('admin.settings.wrapUpOutOfRange'),
};
const offerText: Record<SettingsFieldProblem, () => string> = {
  notWholeNumber: () => t('admin.settings.offerNotWhole'),
  outOfRange: () => t('admin.settings.offerOutOfRange'),
};
const capacityText: Record<SettingsFieldProblem, () => string> = {
  notWholeNumber: () => t('admin.settings.capacityNotWhole'),
  outOfRange: () => t('admin.settings.capacityOutOfRange'),
};
const reservationText: Record<SettingsFieldProblem, () => string> = {
  notWholeNumber: () => t('admin.settings.reservationNotWhole'),
  outOfRange: () => t('admin.settings.reservationOutOfRange'),
};

export function SettingsForm(): JSX.Element {
  const saved = () => withSettingDefaults(currentMe()?.currentInstance?.settings);
  const [form, setForm] = createStore(settingsForm(saved()));
  const [wrapUpError, setWrapUpError] = createSignal<string | null>(null);
  const [offerError, setOfferError] = createSignal<string | null>(null);
  const [reservationError, setReservationError] = createSignal<string | null>(null);
  const [capacityError, setCapacityError] = createSignal<string | null>(null);
  const [error, setError] = createSignal('');
  const [pending, setPending] = createSignal(false);

  // The form shows what the server holds whenever /api/me changes (after a save, a switch).
  createEffect(on(saved, (settings) => setForm(settingsForm(settings)), { defer: true }));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (pending()) return;
    setError('');
    const checked = settingsPatch(saved(), { ...form });
    if (!checked.ok) {
      setWrapUpError(checked.wrapUp ? wrapUpText[checked.wrapUp]() : null);
      setOfferError(checked.offerTtl ? offerText[checked.offerTtl]() : null);
      setReservationError(checked.reservation ? reservationText[checked.reservation]() : null);
      setCapacityError(checked.capacity ? capacityText[checked.capacity]() : null);
      return;
    }
    if (Object.keys(checked.patch).length > 0) {
      setPending(true);
      const result = await api.updateInstanceSettings(checked.patch);
      if (result.ok) await refreshMe();
      setPending(false);
      if (!result.ok) {
        setError(describeError(result.error));
        return;
      }
    }
    void showToast(t('admin.settings.saved'));
  }

  return (
    <section class="card admin-settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('admin.settings.heading')}</h2>
      <form
        class="form"
        aria-labelledby="settings-heading"
        onSubmit={(e) => void submit(e)}
        novalidate
      >
        <div class="alert alert-error" role="alert">
          {error()}
        </div>
        <div class="field">
          <label class="checkbox">
            <input
              type="checkbox"
              aria-describedby="push-routing-hint"
              checked={form.pushRouting}
              onChange={(e) => setForm('pushRouting', e.currentTarget.checked)}
            />
            {t('admin.settings.pushRouting')}
          </label>
          <p class="field-hint" id="push-routing-hint">
            {t('admin.settings.pushRoutingHint')}
          </p>
        </div>
        <TextField
          label={t('admin.settings.reservation')}
          hint={t('admin.settings.reservationHint')}
          inputMode="numeric"
          autocomplete="off"
          value={form.reservationSeconds}
          error={reservationError()}
          onInput={(e) => {
            setForm('reservationSeconds', e.currentTarget.value);
            setReservationError(null);
          }}
        />
        <fieldset class="capacity-fields">
          <legend>{t('admin.settings.capacity')}</legend>
          <p class="field-hint" id="capacity-hint">
            {t('admin.settings.capacityHint')}
          </p>
          <For each={capacityChannels}>
            {(channel) => (
              <TextField
                label={t(`admin.settings.capacityOf.${channel}`)}
                inputMode="numeric"
                autocomplete="off"
                value={form.capacity[channel]}
                aria-describedby="capacity-hint capacity-error"
                aria-invalid={capacityError() ? 'true' : undefined}
                onInput={(e) => {
                  setForm('capacity', channel, e.currentTarget.value);
                  setCapacityError(null);
                }}
              />
            )}
          </For>
          <p class="field-error" id="capacity-error" role="alert">
            {capacityError() ?? ''}
          </p>
        </fieldset>
        <TextField
          label={t('admin.settings.wrapUp')}
          hint={t('admin.settings.wrapUpHint')}
          inputMode="numeric"
          autocomplete="off"
          value={form.wrapUpSeconds}
          error={wrapUpError()}
          onInput={(e) => {
            setForm('wrapUpSeconds', e.currentTarget.value);
            setWrapUpError(null);
          }}
        />
        <label class="checkbox">
          <input
            type="checkbox"
            checked={form.outcomeTagRequired}
            onChange={(e) => setForm('outcomeTagRequired', e.currentTarget.checked)}
          />
          {t('admin.settings.outcomeTagRequired')}
        </label>
        <TextField
          label={t('admin.settings.offerExpiry')}
          hint={t('admin.settings.offerExpiryHint')}
          inputMode="numeric"
          autocomplete="off"
          value={form.offerTtlMinutes}
          error={offerError()}
          onInput={(e) => {
            setForm('offerTtlMinutes', e.currentTarget.value);
            setOfferError(null);
          }}
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={pending()}>
          {t('admin.settings.save')}
        </button>
      </form>
    </section>
  );
}
