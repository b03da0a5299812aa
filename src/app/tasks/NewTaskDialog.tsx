// "New task" (and "Create follow-up", which starts from a task): customer from the address book
// or typed in, title, description, type, skills, priority, due time, assignee (me by default).
// It is a task.create mutation, so it works offline; an empty title is refused here and by the
// server, and nothing is queued.
import { Dialog } from '@kobalte/core/dialog';
import { useNavigate } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { taskTypes, type SyncContact, type SyncTask, type TaskType } from '../../domain';
import { t } from '../../i18n';
import { showToast, TextField } from '../../ui';
import { DialogFrame } from '../../ui/DialogFrame';
import { createLive } from '../data/live';
import { currentStore, withStore } from '../data/store';
import { currentMe } from '../session';

const TITLE_MAX = 500;
const channelOf: Record<TaskType, string> = {
  call: 'phone',
  email: 'email',
  chat: 'web chat',
  manual: 'internal',
};
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export default function NewTaskDialog(props: {
  /** Start from this task: a follow-up, linked to it, for the same customer. */
  followUpOf?: SyncTask;
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  const navigate = useNavigate();
  const me = () => currentMe()?.user;
  const leader = () => (currentMe()?.currentInstance?.role ?? 'agent') !== 'agent';
  // Read once: the dialog edits a copy of the task it starts from.
  // eslint-disable-next-line solid/reactivity
  const origin = props.followUpOf;
  const [search, setSearch] = createSignal('');
  const contacts = createLive(
    () => (search().trim() ? currentStore()?.queries.contacts(search(), 8) : undefined),
    [],
  );
  const members = createLive(() => currentStore()?.queries.members(), []);
  const [contact, setContact] = createSignal<SyncContact | null>(null);
  const [customerName, setCustomerName] = createSignal(origin?.customerName ?? '');
  const [customerPhone, setCustomerPhone] = createSignal(origin?.customerPhone ?? '');
  const [customerEmail, setCustomerEmail] = createSignal(origin?.customerEmail ?? '');
  const [title, setTitle] = createSignal(
    origin ? `${t('tasks.newTask.followUpPrefix')} ${origin.title}`.slice(0, TITLE_MAX) : '',
  );
  const [description, setDescription] = createSignal('');
  const [type, setType] = createSignal<TaskType>(origin?.type ?? 'manual');
  const [skills, setSkills] = createSignal(origin?.skills.join(', ') ?? '');
  const [priority, setPriority] = createSignal(origin?.priority ?? 3);
  const [due, setDue] = createSignal('');
  const [assignee, setAssignee] = createSignal<string>(me()?.id ?? '');
  const [errors, setErrors] = createSignal<Record<string, string>>({});

  function problems(): Record<string, string> {
    const found: Record<string, string> = {};
    const trimmed = title().trim();
    if (trimmed === '') found['title'] = t('tasks.newTask.titleRequired');
    else if (trimmed.length > TITLE_MAX) found['title'] = t('tasks.newTask.titleTooLong');
    const email = customerEmail().trim();
    if (!contact() && email !== '' && !EMAIL.test(email))
      found['email'] = t('tasks.newTask.emailInvalid');
    if (due() !== '' && Number.isNaN(Date.parse(due())))
      found['due'] = t('tasks.newTask.dueInvalid');
    return found;
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const found = problems();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`new-task-${Object.keys(found)[0] ?? ''}`)?.focus();
      return;
    }
    const chosen = contact();
    const id = crypto.randomUUID();
    const text = (value: string) => (value.trim() === '' ? null : value.trim());
    const args = {
      id,
      type: type(),
      channel: channelOf[type()],
      title: title().trim(),
      description: description(),
      customerName: chosen?.name ?? customerName().trim(),
      customerPhone: chosen ? chosen.phone : text(customerPhone()),
      customerEmail: chosen ? chosen.email : text(customerEmail()),
      contactId: chosen?.id ?? origin?.contactId ?? null,
      priority: priority(),
      skills: [
        ...new Set(
          skills()
            .split(',')
            .map((s) => s.trim().toLowerCase())
            .filter(Boolean),
        ),
      ],
      dueAt: due() === '' ? null : new Date(due()).toISOString(),
      assigneeId: assignee() === '' ? null : assignee(),
      ...(origin ? { followUpOfId: origin.id } : {}),
    };
    await withStore((store) => store.mutate('task.create', args));
    props.onClose();
    void showToast(t('tasks.newTask.createdToast', { title: args.title }));
    navigate(`/tasks/${id}`);
  }

  const error = (key: string) => errors()[key] ?? null;

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame
        title={origin ? t('tasks.newTask.followUpTitle') : t('tasks.newTask.title')}
        returnFocus={props.returnFocus}
      >
        <form class="form new-task-form" onSubmit={(e) => void submit(e)} novalidate>
          <Show when={origin}>
            {(from) => (
              <p class="muted">{t('tasks.newTask.followUpOf', { title: from().title })}</p>
            )}
          </Show>
          <fieldset class="new-task-customer">
            <legend class="field-label">{t('tasks.newTask.customer')}</legend>
            <Show
              when={contact()}
              fallback={
                <>
                  <TextField
                    label={t('tasks.newTask.searchContacts')}
                    type="search"
                    value={search()}
                    onInput={(e) => setSearch(e.currentTarget.value)}
                  />
                  <Show when={contacts().length > 0}>
                    <ul class="contact-results" aria-label={t('tasks.newTask.contactResults')}>
                      <For each={contacts()}>
                        {(c) => (
                          <li>
                            <button
                              type="button"
                              class="btn btn-ghost"
                              onClick={() => {
                                setContact(c);
                                setSearch('');
                              }}
                            >
                              {c.name}
                              <Show when={c.phone ?? c.email}>
                                {(detail) => <span class="muted"> · {detail()}</span>}
                              </Show>
                            </button>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <TextField
                    label={t('tasks.newTask.customerName')}
                    value={customerName()}
                    maxLength={200}
                    onInput={(e) => setCustomerName(e.currentTarget.value)}
                  />
                  <TextField
                    label={t('tasks.newTask.customerPhone')}
                    type="tel"
                    value={customerPhone()}
                    maxLength={50}
                    onInput={(e) => setCustomerPhone(e.currentTarget.value)}
                  />
                  <TextField
                    id="new-task-email"
                    label={t('tasks.newTask.customerEmail')}
                    type="email"
                    value={customerEmail()}
                    maxLength={254}
                    error={error('email')}
                    onInput={(e) => setCustomerEmail(e.currentTarget.value)}
                  />
                </>
              }
            >
              {(chosen) => (
                <p>
                  {t('tasks.newTask.chosenContact', { name: chosen().name })}{' '}
                  <button type="button" class="btn btn-ghost" onClick={() => setContact(null)}>
                    {t('tasks.newTask.clearContact')}
                  </button>
                </p>
              )}
            </Show>
          </fieldset>
          <TextField
            id="new-task-title"
            label={t('tasks.newTask.taskTitle')}
            value={title()}
            maxLength={TITLE_MAX + 1}
            required
            autofocus
            error={error('title')}
            onInput={(e) => {
              setTitle(e.currentTarget.value);
              setErrors(({ title: _, ...rest }) => rest);
            }}
          />
          <div class="field">
            <label class="field-label" for="new-task-description">
              {t('tasks.newTask.description')}
            </label>
            <textarea
              id="new-task-description"
              class="input"
              rows={3}
              maxLength={10_000}
              value={description()}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          </div>
          <div class="new-task-row">
            <div class="field">
              <label class="field-label" for="new-task-type">
                {t('tasks.newTask.type')}
              </label>
              <select
                id="new-task-type"
                class="select"
                value={type()}
                onChange={(e) => setType(e.currentTarget.value as TaskType)}
              >
                <For each={taskTypes}>
                  {(value) => <option value={value}>{t(`tasks.types.${value}`)}</option>}
                </For>
              </select>
            </div>
            <div class="field">
              <label class="field-label" for="new-task-priority">
                {t('tasks.newTask.priority')}
              </label>
              <select
                id="new-task-priority"
                class="select"
                value={String(priority())}
                onChange={(e) => setPriority(Number(e.currentTarget.value))}
              >
                <For each={[1, 2, 3, 4, 5]}>{(n) => <option value={String(n)}>{n}</option>}</For>
              </select>
            </div>
          </div>
          <TextField
            label={t('tasks.newTask.skills')}
            hint={t('tasks.newTask.skillsHint')}
            value={skills()}
            maxLength={500}
            onInput={(e) => setSkills(e.currentTarget.value)}
          />
          <TextField
            id="new-task-due"
            label={t('tasks.newTask.due')}
            type="datetime-local"
            value={due()}
            error={error('due')}
            onInput={(e) => setDue(e.currentTarget.value)}
          />
          <div class="field">
            <label class="field-label" for="new-task-assignee">
              {t('tasks.newTask.assignee')}
            </label>
            <select
              id="new-task-assignee"
              class="select"
              value={assignee()}
              onChange={(e) => setAssignee(e.currentTarget.value)}
            >
              <option value={me()?.id ?? ''}>
                {t('tasks.newTask.me', { name: me()?.name ?? '' })}
              </option>
              <option value="">{t('tasks.newTask.unassigned')}</option>
              <Show when={leader()}>
                <For each={members().filter((m) => m.userId !== me()?.id)}>
                  {(m) => <option value={m.userId}>{m.name}</option>}
                </For>
              </Show>
            </select>
          </div>
          <div class="dialog-footer">
            <button type="submit" class="btn btn-primary">
              {t('tasks.newTask.create')}
            </button>
          </div>
        </form>
      </DialogFrame>
    </Dialog>
  );
}
