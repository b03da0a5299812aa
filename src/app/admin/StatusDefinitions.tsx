// "Statuses": the instance's custom agent statuses (issue 6). The list reads the store (the
// definitions are synced, so it shows what every agent's menu shows); adding, editing and
// deleting call the API, and the change comes back by sync. The server's sentence for a refused
// value ("There is a status called Lunch already") is shown as it is: only it knows all names.
import { createSignal, For, Show, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import { api, type ApiError } from '../../api';
import {
  statusFormInput,
  statusFormOf,
  taskTypes,
  type StatusFormProblem,
  type SyncStatusDefinition,
} from '../../domain';
import { t } from '../../i18n';
import { showToast, TextField } from '../../ui';
import { describeError } from '../errors';
import { customStatuses, dotProps, viewOf } from '../shell/status-definitions';
import './status-definitions.css';

const problemText: Record<StatusFormProblem, () => string> = {
  label: () => t('customStatuses.labelMissing'),
  channels: () => t('customStatuses.channelsMissing'),
  limit: () => t('customStatuses.limitInvalid'),
};

function errorText(error: ApiError): string {
  return error.code === 'bad_request' ? error.message : describeError(error);
}

export function StatusDefinitions(): JSX.Element {
  const [editing, setEditing] = createSignal<SyncStatusDefinition | null>(null);
  const [form, setForm] = createStore(statusFormOf());
  const [problem, setProblem] = createSignal<StatusFormProblem | null>(null);
  const [error, setError] = createSignal('');
  const [pending, setPending] = createSignal(false);
  let labelInput: HTMLInputElement | undefined;

  function edit(status: SyncStatusDefinition | null) {
    setEditing(status);
    setForm(statusFormOf(status ?? undefined));
    setProblem(null);
    setError('');
    labelInput?.focus();
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (pending()) return;
    setError('');
    const checked = statusFormInput({ ...form, channels: [...form.channels] });
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    setPending(true);
    const current = editing();
    const result = current
      ? await api.updateStatus(current.id, checked.value)
      : await api.createStatus(checked.value);
    setPending(false);
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    void showToast(
      current
        ? t('customStatuses.saved', { label: result.value.label })
        : t('customStatuses.added', { label: result.value.label }),
    );
    edit(null);
  }

  async function remove(status: SyncStatusDefinition) {
    setError('');
    const result = await api.deleteStatus(status.id);
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    if (editing()?.id === status.id) edit(null);
    void showToast(
      t('customStatuses.deleted', {
        label: status.label,
        count: String(result.value.movedToOffline),
      }),
    );
  }

  /** Swaps the status with its neighbour; every device gets the new order by sync. */
  async function move(status: SyncStatusDefinition, by: -1 | 1) {
    setError('');
    const ids = customStatuses().map((s) => s.id);
    const from = ids.indexOf(status.id);
    const to = from + by;
    const other = ids[to];
    if (from < 0 || other === undefined) return;
    ids[to] = status.id;
    ids[from] = other;
    const result = await api.orderStatuses(ids);
    if (!result.ok) setError(errorText(result.error));
  }

  const summary = (s: SyncStatusDefinition) =>
    [
      s.receivesWork
        ? s.channels === null
          ? t('customStatuses.allChannels')
          : s.channels.map((c) => t(`customStatuses.channel.${c}`)).join(', ')
        : t('customStatuses.noWork'),
      s.timeLimitSeconds === null
        ? null
        : t('customStatuses.limitMinutes', {
            minutes: String(Math.round(s.timeLimitSeconds / 60)),
          }),
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <section class="card admin-statuses" aria-labelledby="statuses-heading">
      <h2 id="statuses-heading">{t('customStatuses.title')}</h2>
      <p class="field-hint">{t('customStatuses.intro')}</p>
      <ul class="status-definitions" aria-labelledby="statuses-heading">
        <For each={customStatuses()} fallback={<li class="muted">{t('customStatuses.none')}</li>}>
          {(status, index) => (
            <li class="status-definition">
              <span {...dotProps(viewOf(status.key))} aria-hidden="true" />
              <span class="status-definition-text">
                <span class="status-definition-label">{status.label}</span>
                <span class="field-hint">{summary(status)}</span>
              </span>
              <Show when={index() > 0}>
                <button
                  type="button"
                  class="btn btn-ghost"
                  aria-label={t('customStatuses.moveUp', { label: status.label })}
                  onClick={() => void move(status, -1)}
                >
                  {t('customStatuses.up')}
                </button>
              </Show>
              <Show when={index() < customStatuses().length - 1}>
                <button
                  type="button"
                  class="btn btn-ghost"
                  aria-label={t('customStatuses.moveDown', { label: status.label })}
                  onClick={() => void move(status, 1)}
                >
                  {t('customStatuses.down')}
                </button>
              </Show>
              <button
                type="button"
                class="btn btn-ghost"
                aria-label={t('customStatuses.editNamed', { label: status.label })}
                onClick={() => edit(status)}
              >
                {t('customStatuses.edit')}
              </button>
              <button
                type="button"
                class="btn btn-ghost"
                aria-label={t('customStatuses.delete', { label: status.label })}
                onClick={() => void remove(status)}
              >
                {t('customStatuses.deleteShort')}
              </button>
            </li>
          )}
        </For>
      </ul>
      <form
        class="form"
        aria-label={
          editing()
            ? t('customStatuses.editing', { label: editing()?.label ?? '' })
            : t('customStatuses.add')
        }
        onSubmit={(e) => void submit(e)}
        novalidate
      >
        <div class="alert alert-error" role="alert">
          {error()}
        </div>
        <TextField
          ref={labelInput}
          label={t('customStatuses.label')}
          autocomplete="off"
          maxLength={40}
          value={form.label}
          error={problem() === 'label' ? problemText.label() : null}
          onInput={(e) => {
            setForm('label', e.currentTarget.value);
            setProblem(null);
          }}
        />
        <div class="field">
          <label class="field-label" for="status-colour">
            {t('customStatuses.colour')}
          </label>
          <input
            id="status-colour"
            class="status-colour"
            type="color"
            value={form.colour}
            onInput={(e) => setForm('colour', e.currentTarget.value)}
          />
        </div>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={form.receivesWork}
            onChange={(e) => setForm('receivesWork', e.currentTarget.checked)}
          />
          {t('customStatuses.receivesWork')}
        </label>
        <Show when={form.receivesWork}>
          <fieldset class="status-channels" aria-describedby="status-channels-error">
            <legend class="field-label">{t('customStatuses.channels')}</legend>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={form.allChannels}
                onChange={(e) => {
                  setForm('allChannels', e.currentTarget.checked);
                  setProblem(null);
                }}
              />
              {t('customStatuses.allChannels')}
            </label>
            <Show when={!form.allChannels}>
              <For each={taskTypes}>
                {(channel) => (
                  <label class="checkbox">
                    <input
                      type="checkbox"
                      checked={form.channels.includes(channel)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setForm('channels', (list) =>
                          on ? [...list, channel] : list.filter((c) => c !== channel),
                        );
                        setProblem(null);
                      }}
                    />
                    {t(`customStatuses.channel.${channel}`)}
                  </label>
                )}
              </For>
            </Show>
            <Show when={problem() === 'channels'}>
              <p class="field-error" id="status-channels-error">
                {problemText.channels()}
              </p>
            </Show>
          </fieldset>
        </Show>
        <TextField
          label={t('customStatuses.timeLimit')}
          inputMode="numeric"
          autocomplete="off"
          value={form.limitMinutes}
          error={problem() === 'limit' ? problemText.limit() : null}
          onInput={(e) => {
            setForm('limitMinutes', e.currentTarget.value);
            setProblem(null);
          }}
        />
        <div class="status-form-actions">
          <button type="submit" class="btn btn-primary" disabled={pending()}>
            {editing() ? t('customStatuses.save') : t('customStatuses.add')}
          </button>
          <Show when={editing()}>
            <button type="button" class="btn" onClick={() => edit(null)}>
              {t('customStatuses.cancel')}
            </button>
          </Show>
        </div>
      </form>
    </section>
  );
}
