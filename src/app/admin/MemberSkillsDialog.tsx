// "Skills of Bob Brown": tick the instance's skills a member has, or type a new one, then save
// (the help article's Select skills → Confirm → Update user). Saving needs the server: the
// member's skills come back to every device, this one too, by sync.
import { Dialog } from '@kobalte/core/dialog';
import { createMemo, createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { api } from '../../api';
import { knownSkills, skillNameProblem, type SyncMember } from '../../domain';
import { t } from '../../i18n';
import { showToast, TextField } from '../../ui';
import { DialogFrame } from '../../ui/DialogFrame';
import { describeError } from '../errors';

export default function MemberSkillsDialog(props: {
  member: SyncMember;
  /** Every member: what they have counts as known skills even when the catalogue cannot load. */
  members: readonly SyncMember[];
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  // Read once: the dialog edits a copy, not the live row.
  // eslint-disable-next-line solid/reactivity
  const [draft, setDraft] = createSignal<string[]>([...(props.member.skills ?? [])]);
  const [catalogue, setCatalogue] = createSignal<string[]>([]);
  const [catalogueFailed, setCatalogueFailed] = createSignal(false);
  const [added, setAdded] = createSignal<string[]>([]);
  const [newName, setNewName] = createSignal('');
  const [nameError, setNameError] = createSignal<string | null>(null);
  const [error, setError] = createSignal('');
  const [pending, setPending] = createSignal(false);

  onMount(async () => {
    const result = await api.skills();
    if (result.ok) setCatalogue(result.value.skills);
    else setCatalogueFailed(true);
  });

  const choices = createMemo(() =>
    knownSkills(catalogue(), ...props.members.map((m) => m.skills ?? []), draft(), added()),
  );
  // By name ignoring case: a member's "Support" from before the catalogue is its "support".
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const has = (skill: string) => draft().some((s) => same(s, skill));
  const toggle = (skill: string, on: boolean) =>
    setDraft((current) => (on ? [...current, skill] : current.filter((s) => !same(s, skill))));

  function addNew() {
    const problem = skillNameProblem(newName(), draft());
    if (problem) {
      setNameError(t(`admin.skills.problems.${problem}`));
      return;
    }
    const typed = newName().trim();
    // A skill the instance knows keeps its spelling, as the server would store it.
    const skill = choices().find((s) => same(s, typed)) ?? typed;
    setAdded((current) => [...current, skill]);
    toggle(skill, true);
    setNewName('');
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    if (pending()) return;
    setPending(true);
    setError('');
    const result = await api.setMemberSkills(props.member.userId, draft());
    setPending(false);
    if (!result.ok) {
      // The server's 400 names the skill at fault; other failures read as usual.
      setError(
        result.error.code === 'bad_request' ? result.error.message : describeError(result.error),
      );
      return;
    }
    void showToast(t('admin.skills.saved', { name: props.member.name }));
    props.onClose();
  }

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame
        title={t('admin.skills.dialogTitle', { name: props.member.name })}
        returnFocus={props.returnFocus}
      >
        <form class="form" onSubmit={(e) => void save(e)} novalidate>
          <p class="dialog-text">{t('admin.skills.intro')}</p>
          <Show when={catalogueFailed()}>
            <p class="alert alert-info">{t('admin.skills.catalogueUnavailable')}</p>
          </Show>
          <fieldset class="skill-choices">
            <legend class="field-label">{t('admin.skills.choices')}</legend>
            <Show
              when={choices().length > 0}
              fallback={<p class="muted">{t('admin.skills.noChoices')}</p>}
            >
              <For each={choices()}>
                {(skill) => (
                  <label class="checkbox">
                    <input
                      type="checkbox"
                      checked={has(skill)}
                      onChange={(e) => toggle(skill, e.currentTarget.checked)}
                    />
                    {skill}
                  </label>
                )}
              </For>
            </Show>
          </fieldset>
          <div class="skill-new">
            <TextField
              label={t('admin.skills.newSkill')}
              hint={t('admin.skills.newSkillHint')}
              autocomplete="off"
              maxLength={60}
              value={newName()}
              error={nameError()}
              onInput={(e) => {
                setNewName(e.currentTarget.value);
                setNameError(null);
              }}
              onKeyDown={(e) => {
                // Enter here adds the skill; it must not save the dialog half done.
                if (e.key !== 'Enter') return;
                e.preventDefault();
                addNew();
              }}
            />
            <button type="button" class="btn" onClick={addNew}>
              {t('admin.skills.add')}
            </button>
          </div>
          <div class="alert alert-error" role="alert">
            {error()}
          </div>
          <div class="dialog-footer">
            <button type="button" class="btn btn-ghost" onClick={() => props.onClose()}>
              {t('admin.skills.cancel')}
            </button>
            <button type="submit" class="btn btn-primary" disabled={pending()}>
              {t('admin.skills.save')}
            </button>
          </div>
        </form>
      </DialogFrame>
    </Dialog>
  );
}
