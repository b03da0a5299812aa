import { useSearchParams } from '@solidjs/router';
import { createSignal, createUniqueId, For, onCleanup, onMount, Show, type JSX } from 'solid-js';
import {
  dialTargetFromLink,
  formatCallDuration,
  transferTimeoutChoices,
  type CallSnapshot,
} from '../../domain';
import { t } from '../../i18n';
import { TextField } from '../../ui';
import { usePageTitle } from '../title';
import {
  enableNotifications,
  notificationPermission,
  phone,
  placeCall,
  reregister,
  setDevice,
  setDtmfTransport,
  setTransferTimeout,
} from './phone-store';
import { callStateText, partyText, registrationText } from './texts';
import './phone.css';

// The dialer. /phone?number=%s is where tel: and sip: links land (manifest protocol handlers).
export default function PhonePage(): JSX.Element {
  usePageTitle(() => t('phone.title'));
  const [search] = useSearchParams<{ number?: string }>();
  const [number, setNumber] = createSignal(dialTargetFromLink(search.number));
  const [error, setError] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal(false);

  async function dial(input: string) {
    if (pending()) return;
    setError(null);
    setPending(true);
    const result = await placeCall(input).finally(() => setPending(false));
    if (result.ok) return;
    if (result.problem === 'empty') setError(t('phone.emptyNumber'));
    else if (result.problem === 'invalid') setError(t('phone.invalidNumber'));
    else setError(t('phone.notConnected'));
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void dial(number());
  }

  return (
    <div class="page page-narrow">
      <div class="page-header">
        <h1>{t('phone.heading')}</h1>
      </div>
      <RegistrationStatus />
      <form class="card dialer" onSubmit={submit}>
        <TextField
          label={t('phone.number')}
          name="number"
          type="tel"
          inputmode="tel"
          autocomplete="off"
          hint={t('phone.numberHint')}
          error={error()}
          value={number()}
          onInput={(e) => {
            setNumber(e.currentTarget.value);
            setError(null);
          }}
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={pending()}>
          {t('phone.call')}
        </button>
      </form>
      <RecentCalls onCall={(n) => void dial(n)} />
      <PhoneSettings />
    </div>
  );
}

function RegistrationStatus(): JSX.Element {
  return (
    <div class="phone-status" data-status={phone.registration.status}>
      <span class="phone-status-dot" aria-hidden="true" />
      <p role="status">
        {phone.tab === 'standby' ? t('phone.tab.short') : registrationText(phone.registration)}
      </p>
      <Show when={phone.identity}>
        {(identity) => (
          <span class="recent-meta">
            {t('phone.registration.as', {
              name: identity().displayName,
              extension: identity().extension,
            })}
          </span>
        )}
      </Show>
      <Show when={phone.registration.status === 'failed'}>
        <button type="button" class="btn btn-ghost" onClick={() => reregister()}>
          {t('phone.failure.retry')}
        </button>
      </Show>
    </div>
  );
}

function RecentCalls(props: { onCall: (number: string) => void }): JSX.Element {
  const time = (c: CallSnapshot) =>
    new Date(c.startedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return (
    <section class="phone-section" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{t('phone.recent')}</h2>
      <p class="recent-meta">{t('phone.recentNote')}</p>
      <Show when={phone.recent.length > 0} fallback={<p>{t('phone.recentEmpty')}</p>}>
        <ul class="recent-list">
          <For each={phone.recent}>
            {(c) => (
              <li>
                <div>
                  <div>{partyText(c)}</div>
                  <div class="recent-meta">
                    {c.direction === 'outgoing' ? t('phone.outgoing') : t('phone.incoming')} ·{' '}
                    {time(c)} · {callStateText(c)}
                    <Show when={c.answeredAt !== null && c.endedAt !== null}>
                      {' · '}
                      {formatCallDuration((c.endedAt ?? 0) - (c.answeredAt ?? 0))}
                    </Show>
                  </div>
                </div>
                <button
                  type="button"
                  class="btn btn-ghost"
                  aria-label={`${t('phone.callBack')}: ${partyText(c)}`}
                  onClick={() => props.onCall(c.remote.number)}
                >
                  {t('phone.callBack')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function PhoneSettings(): JSX.Element {
  const [devices, setDevices] = createSignal<MediaDeviceInfo[]>([]);
  const refresh = () => {
    void navigator.mediaDevices
      ?.enumerateDevices()
      .then(setDevices)
      .catch(() => setDevices([]));
  };
  onMount(() => {
    refresh();
    navigator.mediaDevices?.addEventListener('devicechange', refresh);
  });
  onCleanup(() => navigator.mediaDevices?.removeEventListener('devicechange', refresh));
  const inputs = () => devices().filter((d) => d.kind === 'audioinput' && d.deviceId);
  const outputs = () => devices().filter((d) => d.kind === 'audiooutput' && d.deviceId);

  return (
    <section class="phone-section" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('phone.settings')}</h2>
      <div class="card settings-grid">
        <DeviceSelect
          label={t('phone.microphone')}
          devices={inputs()}
          value={phone.devices.microphone}
          onChange={(id) => setDevice('microphone', id)}
        />
        <Show when={phone.canChooseOutput}>
          <DeviceSelect
            label={t('phone.speaker')}
            devices={outputs()}
            value={phone.devices.speaker}
            onChange={(id) => setDevice('speaker', id)}
          />
          <DeviceSelect
            label={t('phone.ringer')}
            devices={outputs()}
            value={phone.devices.ringer}
            onChange={(id) => setDevice('ringer', id)}
          />
        </Show>
        <div class="field">
          <label class="field-label" for="dtmf-transport">
            {t('phone.dtmf')}
          </label>
          <select
            id="dtmf-transport"
            class="select"
            value={phone.dtmfTransport}
            onChange={(e) =>
              setDtmfTransport(e.currentTarget.value === 'info' ? 'info' : 'rfc4733')
            }
          >
            <option value="rfc4733">{t('phone.dtmfRfc4733')}</option>
            <option value="info">{t('phone.dtmfInfo')}</option>
          </select>
        </div>
        <div class="field">
          <label class="field-label" for="transfer-timeout">
            {t('phone.transferTimeout')}
          </label>
          <select
            id="transfer-timeout"
            class="select"
            value={String(phone.transferTimeout)}
            onChange={(e) => setTransferTimeout(Number(e.currentTarget.value))}
          >
            <For each={transferTimeoutChoices}>
              {(n) => <option value={String(n)}>{t('phone.seconds', { n })}</option>}
            </For>
          </select>
        </div>
        <Show when={notificationPermission() === 'default'}>
          <button type="button" class="btn" onClick={() => void enableNotifications()}>
            {t('phone.notifications')}
          </button>
        </Show>
        <Show when={notificationPermission() === 'granted'}>
          <p class="recent-meta">{t('phone.notificationsOn')}</p>
        </Show>
      </div>
    </section>
  );
}

function DeviceSelect(props: {
  label: string;
  devices: MediaDeviceInfo[];
  value: string | null;
  onChange: (deviceId: string | null) => void;
}): JSX.Element {
  const id = createUniqueId();
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <select
        id={id}
        class="select"
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.currentTarget.value || null)}
      >
        <option value="">{t('phone.systemDefault')}</option>
        <For each={props.devices}>
          {(d, i) => (
            // `selected` per option: the list arrives after the select's value was set, and a
            // value that names no option yet would otherwise fall back to the default.
            <option value={d.deviceId} selected={d.deviceId === props.value}>
              {d.label || t('phone.device', { n: i() + 1 })}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
