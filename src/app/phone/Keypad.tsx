// Twelve buttons that send DTMF into the call; the tones sent are echoed below them.
import { createSignal, For, type JSX } from 'solid-js';
import { dtmfTones, type DtmfTone } from '../../domain';
import { t } from '../../i18n';

export function Keypad(props: { id: string; onTone: (tone: DtmfTone) => void }): JSX.Element {
  const [sent, setSent] = createSignal('');
  const press = (tone: DtmfTone) => {
    props.onTone(tone);
    setSent((s) => (s + tone).slice(-32));
  };
  return (
    <div class="keypad-wrap">
      <div class="keypad" role="group" aria-label={t('phone.keypadLabel')} id={props.id}>
        <For each={dtmfTones}>
          {(tone) => (
            <button type="button" class="btn keypad-key" onClick={() => press(tone)}>
              {tone}
            </button>
          )}
        </For>
      </div>
      <p class="keypad-sent" aria-live="polite">
        {sent() ? t('phone.tonesSent', { tones: sent() }) : ''}
      </p>
    </div>
  );
}
