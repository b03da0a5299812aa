// A table's one full-width row for what is not data: loading, empty, or a failure with a retry.
import { Show, type JSX } from 'solid-js';
import { t } from '../i18n';

export function TableMessage(props: {
  columns: number;
  /** A failure is announced (role=alert) and offers to try again. */
  error?: string;
  onRetry?: () => void;
  children?: JSX.Element;
}): JSX.Element {
  return (
    <tr>
      <td colSpan={props.columns} class="table-message">
        <Show when={props.error} fallback={props.children}>
          {(message) => (
            <div role="alert" class="table-error">
              <span>{message()}</span>
              <button type="button" class="btn" onClick={() => props.onRetry?.()}>
                {t('errors.retry')}
              </button>
            </div>
          )}
        </Show>
      </td>
    </tr>
  );
}
