// The instance's members, read from the local store: the list works offline and shows a
// colleague who just accepted an invitation, or whose skills an admin changed on another
// device, as soon as the change is pulled.
import { createSignal, For, lazy, Match, Show, Switch, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { TableMessage } from '../../ui';
import { createLiveList } from '../data/live';
import { currentStore } from '../data/store';
import { EditSkillsButton, MemberSkills } from './MemberSkills';

const MemberSkillsDialog = lazy(() => import('./MemberSkillsDialog'));

export function MembersTable(): JSX.Element {
  // Rows keep their identity across pulls, so the Edit button that opened the skills dialog is
  // still there to take focus back when it closes.
  const members = createLiveList(() => currentStore()?.queries.members(), 'userId');
  const [editing, setEditing] = createSignal<string>();
  // Kept after the dialog closes: focus goes back to it then.
  let opener: HTMLButtonElement | undefined;
  const editedMember = () => members().find((m) => m.userId === editing());
  return (
    <section class="admin-members" aria-labelledby="members-heading">
      <h2 id="members-heading">{t('admin.members')}</h2>
      {/* Scrolls sideways on phones, so it must be reachable from the keyboard. */}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="members-heading">
        <table class="table" aria-labelledby="members-heading">
          <thead>
            <tr>
              <th scope="col">{t('admin.columns.name')}</th>
              <th scope="col">{t('admin.columns.email')}</th>
              <th scope="col">{t('admin.columns.role')}</th>
              <th scope="col">{t('admin.columns.extension')}</th>
              <th scope="col">{t('admin.skills.column')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('admin.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <Switch>
              <Match when={!members.ready()}>
                <TableMessage columns={6}>{t('app.loading')}</TableMessage>
              </Match>
              <Match when={members.ready()}>
                <For each={members()}>
                  {(member) => (
                    <tr>
                      <td class="nowrap">{member.name}</td>
                      <td class="member-email">{member.email}</td>
                      <td class="nowrap">{t(`roles.${member.role}`)}</td>
                      <td class="nowrap" classList={{ muted: !member.extension }}>
                        {member.extension ?? t('admin.noExtension')}
                      </td>
                      <td>
                        <MemberSkills member={member} />
                      </td>
                      <td>
                        <EditSkillsButton
                          member={member}
                          onEdit={(button) => {
                            opener = button;
                            setEditing(member.userId);
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </For>
              </Match>
            </Switch>
          </tbody>
        </table>
      </div>
      <Show when={editedMember()}>
        {(member) => (
          <MemberSkillsDialog
            member={member()}
            members={members()}
            onClose={() => setEditing(undefined)}
            returnFocus={() => opener}
          />
        )}
      </Show>
    </section>
  );
}
