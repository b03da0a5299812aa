// Kobalte's toast region and the toast itself. Loaded on the first toast (see toast.tsx), so the
// first screen does not pay for it.
import { Toast, toaster } from '@kobalte/core/toast';
import type { JSX } from 'solid-js';
import { t } from '../i18n';
import { Icon } from './Icon';
import type { ToastOptions } from './toast';

export default function ToastRegion(): JSX.Element {
  return (
    <Toast.Region
      class="toast-region"
      duration={6000}
      limit={3}
      translations={{ notifications: (hotkey) => t('toast.region', { hotkey }) }}
    >
      {/* Divs, not Kobalte's ol/li: its items are role=status, which a list may not hold. */}
      <Toast.List as="div" class="toast-list" />
    </Toast.Region>
  );
}

export function show(message: string, options: ToastOptions): number {
  return toaster.show((props) => (
    <Toast as="div" class="toast" toastId={props.toastId} persistent={options.persistent}>
      <Toast.Description class="toast-body">{message}</Toast.Description>
      {options.action && (
        <button type="button" class="btn" onClick={() => options.action?.onClick()}>
          {options.action.label}
        </button>
      )}
      <Toast.CloseButton class="btn btn-ghost btn-icon" aria-label={t('toast.dismiss')}>
        <Icon name="close" />
      </Toast.CloseButton>
    </Toast>
  ));
}
