import { useSearchParams } from '@solidjs/router';
import { createSignal, type JSX } from 'solid-js';
import { dialTargetFromLink } from '../../domain';
import { t } from '../../i18n';
import { showToast, TextField } from '../../ui';
import { usePageTitle } from '../title';

// The dialer's frame. Placing the call is issue 3 (src/sip/); /phone?number=%s is where tel: and
// sip: links land through the manifest's protocol handlers.
export default function PhonePage(): JSX.Element {
  usePageTitle(() => t('phone.title'));
  const [search] = useSearchParams<{ number?: string }>();
  const [number, setNumber] = createSignal(dialTargetFromLink(search.number));

  function call(event: SubmitEvent) {
    event.preventDefault();
    void showToast(t('phone.notConnected'));
  }

  return (
    <div class="page page-narrow">
      <div class="page-header">
        <h1>{t('phone.heading')}</h1>
      </div>
      <form class="card dialer" onSubmit={call}>
        <TextField
          label={t('phone.number')}
          name="number"
          type="tel"
          inputmode="tel"
          autocomplete="off"
          value={number()}
          onInput={(e) => setNumber(e.currentTarget.value)}
        />
        <button type="submit" class="btn btn-primary btn-block">
          {t('phone.call')}
        </button>
      </form>
    </div>
  );
}
