// The Team view (issue 6): every member with their status, how long they have been in it and
// whether it has run over its time limit, for team leaders and admins. Read live from the store
// (agent statuses of all members are synced), timed by the server's clock, so a long break is
// flagged here the moment it runs over, offline too.
import { For, Match, Show, Switch, type JSX } from 'solid-js';
import {
  canSeeTeam,
  formatElapsed,
  isOverLimit,
  limitMinutes,
  type SyncAgentStatus,
} from '../../domain';
import { t } from '../../i18n';
import { EmptyState, TableMessage } from '../../ui';
import { createLive, createLiveList } from '../data/live';
import { currentStore } from '../data/store';
import { createNow } from '../shell/agent-status';
import { dotProps, labelOf, viewOf } from '../shell/status-definitions';
import { currentMe } from '../session';
import { usePageTitle } from '../title';
import './team.css';

export default function TeamPage(): JSX.Element {
  usePageTitle(() => t('team.title'));
  const allowed = () => canSeeTeam(currentMe()?.currentInstance?.role);
  return (
    <div class="page">
      <div class="page-header">
        <h1>{t('team.title')}</h1>
      </div>
      <Show
        when={allowed()}
        fallback={<EmptyState icon="team" heading={t('team.title')} body={t('team.leadersOnly')} />}
      >
        <TeamTable />
      </Show>
    </div>
  );
}

function TeamTable(): JSX.Element {
  const members = createLiveList(() => currentStore()?.queries.members(), 'userId');
  const statuses = createLive<SyncAgentStatus[]>(
    () => currentStore()?.queries.agentStatuses() ?? null,
    [],
  );
  const now = createNow();
  const statusOf = (userId: string) => statuses().find((s) => s.userId === userId);
  return (
    <section class="team" aria-labelledby="team-heading">
      <p id="team-heading" class="muted">
        {t('team.intro')}
      </p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="team-heading">
        <table class="table" aria-label={t('team.title')}>
          <thead>
            <tr>
              <th scope="col">{t('team.member')}</th>
              <th scope="col">{t('team.status')}</th>
              <th scope="col">{t('team.time')}</th>
              <th scope="col">{t('team.flag')}</th>
            </tr>
          </thead>
          <tbody>
            <Switch>
              <Match when={!members.ready()}>
                <TableMessage columns={4}>{t('app.loading')}</TableMessage>
              </Match>
              <Match when={members.ready()}>
                <For each={members()}>
                  {(member) => {
                    const status = () => statusOf(member.userId);
                    const view = () => {
                      const s = status();
                      return s ? viewOf(s.status) : undefined;
                    };
                    const since = () => Date.parse(status()?.since ?? '');
                    const minutes = () => {
                      const v = view();
                      return v ? limitMinutes(v) : null;
                    };
                    const over = () => {
                      const v = view();
                      return v !== undefined && isOverLimit(v, since(), now());
                    };
                    return (
                      <tr classList={{ 'team-over': over() }}>
                        <th scope="row" class="nowrap">
                          {member.name}
                        </th>
                        <td class="nowrap">
                          <Show when={view()} fallback={t('team.none')}>
                            {(v) => (
                              <span class="team-status">
                                <span {...dotProps(v())} aria-hidden="true" />
                                {labelOf(v())}
                              </span>
                            )}
                          </Show>
                        </td>
                        <td class="nowrap team-timer">
                          <Show when={view()}>{formatElapsed(now() - since())}</Show>
                        </td>
                        <td class="nowrap">
                          <Show
                            when={over()}
                            fallback={
                              <span class="muted">
                                {view()?.timeLimitMs ? t('team.withinLimit') : t('team.noLimit')}
                              </span>
                            }
                          >
                            <strong class="team-flag">
                              {t('team.overLimit', { minutes: String(minutes() ?? 0) })}
                            </strong>
                          </Show>
                        </td>
                      </tr>
                    );
                  }}
                </For>
              </Match>
            </Switch>
          </tbody>
        </table>
      </div>
    </section>
  );
}
