// The agent's calls, newest first, from the local store (so the list works offline), each with a
// button to call back.
import { For, Match, Switch, type JSX } from 'solid-js';
import { callDurationSeconds, formatElapsed, type SyncCall } from '../../domain';
import { t } from '../../i18n';
import { EmptyState, Icon, showToast, TableMessage } from '../../ui';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { usePageTitle } from '../title';
import { formatDateTime } from '../tasks/format';
import { placeCall } from './phone-store';

async function callBack(call: SyncCall): Promise<void> {
  const result = await placeCall(call.peer);
  if (!result.ok) void showToast(t('phone.notConnected'));
}

export default function HistoryPage(): JSX.Element {
  usePageTitle(() => t('history.title'));
  const calls = createLive(() => currentStore()?.queries.recentCalls(100), []);
  const columns = 6;
  return (
    <div class="page">
      <div class="page-header">
        <h1>{t('history.title')}</h1>
      </div>
      <Switch>
        <Match when={calls.ready() && calls().length === 0}>
          <EmptyState
            icon="history"
            heading={t('history.emptyHeading')}
            body={t('history.emptyBody')}
          />
        </Match>
        <Match when={true}>
          <div class="table-wrap">
            <table class="table" aria-label={t('history.table')}>
              <thead>
                <tr>
                  <th scope="col">{t('history.columns.direction')}</th>
                  <th scope="col">{t('history.columns.who')}</th>
                  <th scope="col">{t('history.columns.when')}</th>
                  <th scope="col" class="num">
                    {t('history.columns.duration')}
                  </th>
                  <th scope="col">{t('history.columns.outcome')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('history.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <Switch>
                  <Match when={!calls.ready()}>
                    <TableMessage columns={columns}>{t('history.loading')}</TableMessage>
                  </Match>
                  <Match when={calls.ready()}>
                    <For each={calls()}>{(call) => <CallRow call={call} />}</For>
                  </Match>
                </Switch>
              </tbody>
            </table>
          </div>
        </Match>
      </Switch>
    </div>
  );
}

function CallRow(props: { call: SyncCall }): JSX.Element {
  const who = () => props.call.peerName ?? props.call.peer;
  return (
    <tr>
      <td class="nowrap">{t(`history.${props.call.direction}`)}</td>
      <td class="nowrap">
        {who()}
        {props.call.peerName ? <span class="muted"> · {props.call.peer}</span> : null}
      </td>
      <td class="nowrap">
        <time datetime={props.call.startedAt}>{formatDateTime(props.call.startedAt)}</time>
      </td>
      <td class="num">{formatElapsed(callDurationSeconds(props.call) * 1000)}</td>
      <td>
        <span class="badge" classList={{ 'badge-resolved': props.call.outcome === 'answered' }}>
          {t(`history.outcomes.${props.call.outcome}`)}
        </span>
      </td>
      <td>
        <button
          type="button"
          class="btn btn-ghost btn-icon"
          aria-label={t('history.callBack', { who: who() })}
          onClick={() => void callBack(props.call)}
        >
          <Icon name="call" />
        </button>
      </td>
    </tr>
  );
}
