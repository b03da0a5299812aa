// One member's skills in the members table, and the button that opens the dialog to change them
// (a column of its own, so the skills can wrap without pushing it out of the table).
import { For, Show, type JSX } from 'solid-js';
import type { SyncMember } from '../../domain';
import { t } from '../../i18n';

export function MemberSkills(props: { member: SyncMember }): JSX.Element {
  const skills = () => props.member.skills ?? [];
  return (
    <Show when={skills().length > 0} fallback={<span class="muted">{t('admin.skills.none')}</span>}>
      <ul class="skill-list" aria-label={t('admin.skills.listOf', { name: props.member.name })}>
        <For each={skills()}>{(skill) => <li class="badge">{skill}</li>}</For>
      </ul>
    </Show>
  );
}

export function EditSkillsButton(props: {
  member: SyncMember;
  onEdit: (opener: HTMLButtonElement) => void;
}): JSX.Element {
  return (
    // The visible word starts the accessible name, so voice control finds it by "Edit".
    <button
      type="button"
      class="btn btn-ghost"
      aria-label={t('admin.skills.edit', { name: props.member.name })}
      onClick={(e) => props.onEdit(e.currentTarget)}
    >
      {t('admin.skills.editShort')}
    </button>
  );
}
