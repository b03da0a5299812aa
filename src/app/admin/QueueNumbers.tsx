// "Queue numbers" (issue 6, inbound calls): the numbers callers dial, the skills and priority of
// their call tasks and how long each agent rings. Read from the API (queues are not synced: only
// admins and Kamailio need them); Edit fills the form, Save puts the queue and reads the list again.
import { createResource, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import { api } from '../../api';
import {
  checkQueueForm,
  emptyQueueForm,
  queueForm,
  type QueueCheck,
  type QueueForm,
} from '../../domain';
import { t } from '../../i18n';
import { showToast, TableMessage, TextField } from '../../ui';
import { describeError } from '../errors';

type Field = keyof QueueForm;
type Problems = Partial<Record<Field, string>>;

function problemsOf(check: Extract<QueueCheck, { ok: false }>): Problems {
  const text = (field: Field) => t(`admin.queues.problems.${field}`);
  const fields: Field[] = ['number', 'name', 'skills', 'priority', 'ringSeconds'];
  return Object.fromEntries(fields.filter((f) => check[f]).map((f) => [f, text(f)]));
}

export function QueueNumbers(): JSX.Element {
  const [queues, { refetch }] = createResource(async () => {
    const result = await api.listQueues();
    if (!result.ok) throw new Error(describeError(result.error));
    return result.value.queues;
  });
  const [form, setForm] = createStore<QueueForm>({ ...emptyQueueForm });
  const [problems, setProblems] = createSignal<Problems>({});
  const [error, setError] = createSignal('');
  const [pending, setPending] = createSignal(false);

  // One text field of the form, bound to it (Edit fills the form, typing clears its problem).
  const Input = (props: { name: Field; hint?: string; numeric?: boolean; id?: string }) => (
    <TextField
      id={props.id}
      label={t(`admin.queues.${props.name}`)}
      hint={props.hint}
      inputMode={props.numeric ? 'numeric' : undefined}
      autocomplete="off"
      value={form[props.name]}
      error={problems()[props.name] ?? null}
      onInput={(e) => {
        setForm(props.name, e.currentTarget.value);
        setProblems((p) => ({ ...p, [props.name]: undefined }));
      }}
    />
  );

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (pending()) return;
    setError('');
    const checked = checkQueueForm({ ...form });
    if (!checked.ok) {
      setProblems(problemsOf(checked));
      return;
    }
    setPending(true);
    const result = await api.saveQueue(checked.queue);
    setPending(false);
    if (!result.ok) {
      setError(result.error.status === 409 ? t('admin.queues.taken') : describeError(result.error));
      return;
    }
    setForm({ ...emptyQueueForm });
    void refetch();
    void showToast(t('admin.queues.saved', { number: checked.queue.number }));
  }

  return (
    <section class="card admin-queues" aria-labelledby="queues-heading">
      <h2 id="queues-heading">{t('admin.queues.heading')}</h2>
      <p class="field-hint">{t('admin.queues.intro')}</p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="queues-heading">
        <table class="table" aria-labelledby="queues-heading">
          <thead>
            <tr>
              <th scope="col">{t('admin.queues.columns.number')}</th>
              <th scope="col">{t('admin.queues.columns.name')}</th>
              <th scope="col">{t('admin.queues.columns.skills')}</th>
              <th scope="col">{t('admin.queues.columns.priority')}</th>
              <th scope="col">{t('admin.queues.columns.ringSeconds')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('admin.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <Switch>
              <Match when={queues.error !== undefined}>
                <TableMessage
                  columns={6}
                  error={t('admin.queues.loadFailed')}
                  onRetry={() => void refetch()}
                />
              </Match>
              <Match when={queues.loading && !queues.latest}>
                <TableMessage columns={6}>{t('app.loading')}</TableMessage>
              </Match>
              <Match when={(queues.latest ?? []).length === 0}>
                <TableMessage columns={6}>{t('admin.queues.empty')}</TableMessage>
              </Match>
              <Match when={queues.latest}>
                {(list) => (
                  <For each={list()}>
                    {(queue) => (
                      <tr>
                        <td class="nowrap">{queue.number}</td>
                        <td>{queue.name}</td>
                        <td classList={{ muted: queue.skills.length === 0 }}>
                          {queue.skills.length
                            ? queue.skills.join(', ')
                            : t('admin.queues.noSkills')}
                        </td>
                        <td class="nowrap">{queue.priority}</td>
                        <td class="nowrap">
                          {t('admin.queues.seconds', { seconds: queue.ringSeconds })}
                        </td>
                        <td>
                          <button
                            type="button"
                            class="btn btn-small"
                            aria-label={t('admin.queues.edit', { number: queue.number })}
                            onClick={() => {
                              setForm(queueForm(queue));
                              setProblems({});
                              document.getElementById('queue-number')?.focus();
                            }}
                          >
                            {t('admin.skills.editShort')}
                          </button>
                        </td>
                      </tr>
                    )}
                  </For>
                )}
              </Match>
            </Switch>
          </tbody>
        </table>
      </div>
      <form
        class="form"
        aria-labelledby="queue-form-heading"
        onSubmit={(e) => void submit(e)}
        novalidate
      >
        <h3 id="queue-form-heading">{t('admin.queues.formHeading')}</h3>
        <Show when={error()}>
          <div class="alert alert-error" role="alert">
            {error()}
          </div>
        </Show>
        <Input name="number" id="queue-number" hint={t('admin.queues.numberHint')} />
        <Input name="name" />
        <Input name="skills" hint={t('admin.queues.skillsHint')} />
        <Input name="priority" numeric hint={t('admin.queues.priorityHint')} />
        <Input name="ringSeconds" numeric hint={t('admin.queues.ringSecondsHint')} />
        <button type="submit" class="btn btn-primary btn-block" disabled={pending()}>
          {t('admin.queues.save')}
        </button>
      </form>
    </section>
  );
}
