// The phone on every screen: incoming calls to answer or decline, and the calls in progress with
// their controls. Mounted by the shell once signed in; it also starts the phone (phone-store).
import { createSignal, createUniqueId, For, onCleanup, Show, type JSX } from 'solid-js';
import { canTransfer, formatCallDuration, type CallSnapshot } from '../../domain';
import { t } from '../../i18n';
import { Keypad } from './Keypad';
import {
  answer,
  callLevels,
  completeTransfer,
  decline,
  hangUp,
  hold,
  keepPhoneThere,
  phone,
  resume,
  sendDtmf,
  setMuted,
  useNow,
  usePhoneHere,
} from './phone-store';
import { callStateText, partyText, transferText } from './texts';
import { TransferDialog } from './TransferDialog';
import './phone.css';

export default function PhoneDock(): JSX.Element {
  return (
    <div class="phone-dock">
      <Show when={phone.tab === 'standby'}>
        <section class="call-card phone-elsewhere" aria-labelledby="phone-elsewhere">
          <p id="phone-elsewhere" role="status">
            {t('phone.tab.elsewhere')}
          </p>
          <Show
            when={phone.takeoverNeedsConfirm}
            fallback={
              <div class="call-actions">
                <button type="button" class="btn" onClick={() => usePhoneHere()}>
                  {t('phone.tab.useHere')}
                </button>
              </div>
            }
          >
            <p class="call-note call-problem" role="alert">
              {t('phone.tab.busyThere')}
            </p>
            <div class="call-actions">
              <button type="button" class="btn btn-danger" onClick={() => usePhoneHere(true)}>
                {t('phone.tab.forceHere')}
              </button>
              <button type="button" class="btn" onClick={() => keepPhoneThere()}>
                {t('phone.tab.keepThere')}
              </button>
            </div>
          </Show>
        </section>
      </Show>
      <For each={phone.calls}>
        {(call) => (
          <Show when={call.state === 'incoming'} fallback={<CallPanel call={call} />}>
            <IncomingCall call={call} />
          </Show>
        )}
      </For>
    </div>
  );
}

function IncomingCall(props: { call: CallSnapshot }): JSX.Element {
  // Call waiting: another call is in progress, so answering will hold it.
  const waiting = () => phone.calls.some((c) => c.id !== props.call.id && c.state === 'connected');
  return (
    <section
      class="call-card call-incoming"
      role="region"
      aria-label={t('phone.incomingFrom', { name: partyText(props.call) })}
    >
      <p class="call-state">{waiting() ? t('phone.waiting') : t('phone.states.incoming')}</p>
      <p class="call-party">{props.call.remote.name}</p>
      <Show when={props.call.remote.name !== props.call.remote.number}>
        <p class="call-number">{props.call.remote.number}</p>
      </Show>
      <div class="call-actions">
        <button type="button" class="btn btn-success" onClick={() => void answer(props.call.id)}>
          {t('phone.answer')}
        </button>
        <button type="button" class="btn btn-danger" onClick={() => decline(props.call.id)}>
          {t('phone.decline')}
        </button>
      </div>
    </section>
  );
}

function CallPanel(props: { call: CallSnapshot }): JSX.Element {
  const now = useNow();
  const [keypadOpen, setKeypadOpen] = createSignal(false);
  const keypadId = createUniqueId();
  const live = () => props.call.state !== 'ended';
  const connected = () => props.call.state === 'connected';
  const consultedAbout = () =>
    props.call.consultFor ? phone.calls.find((c) => c.id === props.call.consultFor) : undefined;
  const elapsed = () =>
    props.call.answeredAt === null
      ? ''
      : formatCallDuration((props.call.endedAt ?? now()) - props.call.answeredAt);
  return (
    <section
      class="call-card"
      classList={{ 'call-ended': !live() }}
      role="region"
      aria-label={t('phone.callWith', { name: partyText(props.call) })}
    >
      <div class="call-head">
        <div>
          <p class="call-party">{props.call.remote.name}</p>
          <Show when={props.call.remote.name !== props.call.remote.number}>
            <p class="call-number">{props.call.remote.number}</p>
          </Show>
        </div>
        <div class="call-meta">
          <p class="call-state" role="status">
            {callStateText(props.call)}
          </p>
          <Show when={elapsed()}>
            <p class="call-timer">
              <time>{elapsed()}</time>
            </p>
          </Show>
        </div>
      </div>
      <Show when={consultedAbout()}>
        {(held) => <p class="call-note">{t('phone.consultingFor', { name: partyText(held()) })}</p>}
      </Show>
      <Show when={props.call.transfer}>
        {(transfer) => (
          <Show
            when={transfer().status === 'failed'}
            fallback={
              <p class="call-note" role="status">
                {transferText(transfer())}
              </p>
            }
          >
            <p class="call-note call-problem" role="alert">
              {transferText(transfer())}
            </p>
          </Show>
        )}
      </Show>
      <Show when={connected() && phone.tab !== 'standby'}>
        <LevelMeters callId={props.call.id} />
      </Show>
      <Show when={props.call.tonesReceived}>
        <p class="call-tones">{t('phone.tonesReceived', { tones: props.call.tonesReceived })}</p>
      </Show>
      <Show when={live()}>
        <div class="call-actions">
          <Show when={connected()}>
            <button
              type="button"
              class="btn"
              onClick={() => void (props.call.held ? resume(props.call.id) : hold(props.call.id))}
            >
              {props.call.held ? t('phone.resume') : t('phone.hold')}
            </button>
            <button
              type="button"
              class="btn"
              aria-pressed={props.call.muted}
              onClick={() => setMuted(props.call.id, !props.call.muted)}
            >
              {props.call.muted ? t('phone.unmute') : t('phone.mute')}
            </button>
            <button
              type="button"
              class="btn"
              aria-expanded={keypadOpen()}
              aria-controls={keypadId}
              onClick={() => setKeypadOpen((v) => !v)}
            >
              {t('phone.keypad')}
            </button>
            {/* Transfers need the dialog's answers: only in the tab that runs the phone. */}
            <Show when={canTransfer(props.call) && phone.tab !== 'standby'}>
              <TransferDialog call={props.call} />
            </Show>
            <Show when={props.call.consultFor && consultedAbout() && phone.tab !== 'standby'}>
              <button
                type="button"
                class="btn btn-primary"
                onClick={() => completeTransfer(props.call.id)}
              >
                {t('phone.completeTransfer')}
              </button>
            </Show>
          </Show>
          <button type="button" class="btn btn-danger" onClick={() => hangUp(props.call.id)}>
            {t('phone.hangUp')}
          </button>
        </div>
        <Show when={connected() && keypadOpen()}>
          <Keypad id={keypadId} onTone={(tone) => sendDtmf(props.call.id, tone)} />
        </Show>
      </Show>
    </section>
  );
}

// Ten readings a second while the call is shown: enough to see speech, cheap to render.
const meterIntervalMs = 100;

function LevelMeters(props: { callId: string }): JSX.Element {
  const [levels, setLevels] = createSignal({ microphone: 0, remote: 0 });
  const timer = setInterval(() => {
    const now = callLevels(props.callId);
    if (now) setLevels(now);
  }, meterIntervalMs);
  onCleanup(() => clearInterval(timer));
  const percent = (v: number) => `${Math.round(v * 100)} %`;
  return (
    <div class="call-levels">
      <label class="call-level">
        <span>{t('phone.levels.microphone')}</span>
        <meter
          min={0}
          max={1}
          value={levels().microphone}
          aria-valuetext={percent(levels().microphone)}
        />
      </label>
      <label class="call-level">
        <span>{t('phone.levels.remote')}</span>
        <meter min={0} max={1} value={levels().remote} aria-valuetext={percent(levels().remote)} />
      </label>
    </div>
  );
}
