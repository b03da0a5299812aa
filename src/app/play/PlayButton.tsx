// Play (issue 6): the agent asks for work and the server assigns the next task they may take
// (POST /api/routing/next); it opens at once, and when it is resolved (or leaves the agent) the
// next one comes. With nothing waiting, Play keeps asking every few seconds. The choice survives a
// reload of the tab (sessionStorage), not a new tab: each tab plays on its own.
import { useNavigate } from '@solidjs/router';
import { createEffect, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import { api } from '../../api';
import { isAgentStatus, type AgentStatus, type Me } from '../../domain';
import { t } from '../../i18n';
import './play.css';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { createOnline } from '../online';
import { setAgentStatus } from '../shell/agent-status';
import { labelOf, statusMenu } from '../shell/status-definitions';

const RETRY_MS = 15_000;

interface Saved {
  taskId: string | null;
}

function load(key: string): Saved | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(key) ?? 'null');
    if (value && typeof value === 'object' && 'taskId' in value) {
      const taskId = (value as { taskId: unknown }).taskId;
      return { taskId: typeof taskId === 'string' ? taskId : null };
    }
  } catch {
    // A damaged entry means "not playing".
  }
  return null;
}

export function PlayButton(props: { me: Me; instanceId: string }): JSX.Element {
  const navigate = useNavigate();
  const online = createOnline();
  // The shell renders one PlayButton per user and instance (a keyed <Show>), so these are fixed.
  // eslint-disable-next-line solid/reactivity
  const key = `sb-play:${props.me.user.id}:${props.instanceId}`;
  const saved = load(key);
  const [playing, setPlaying] = createSignal(saved !== null);
  const [taskId, setTaskId] = createSignal<string | null>(saved?.taskId ?? null);
  const [note, setNote] = createSignal('');
  // "Stop after this one": when the task at hand is resolved, Play ends in this status.
  const [stopAfter, setStopAfter] = createSignal<AgentStatus | null>(null);
  let asking = false;

  createEffect(() => {
    if (playing()) sessionStorage.setItem(key, JSON.stringify({ taskId: taskId() }));
    else sessionStorage.removeItem(key);
  });

  async function next(): Promise<void> {
    if (asking || !playing()) return;
    if (!navigator.onLine) {
      setNote(t('play.offline'));
      return;
    }
    asking = true;
    const result = await api.playNext(props.instanceId);
    asking = false;
    if (!playing()) return;
    if (!result.ok) {
      setNote(t('play.failed', { reason: result.error.message }));
      if (result.error.code !== 'network') setPlaying(false);
      return;
    }
    const id = result.value.taskId;
    setTaskId(id);
    if (id === null) {
      setNote(t('play.nothing'));
      return;
    }
    setNote('');
    // The task reaches this device by sync; ask now rather than wait for the poke.
    void currentStore()?.pullNow();
    navigate(`/tasks/${id}`);
  }

  // The task being worked on: when it is resolved or leaves the agent, the next one comes.
  const task = createLive(() => {
    const id = taskId();
    const store = currentStore();
    return playing() && id && store ? store.queries.taskById(id) : null;
  }, undefined);
  // Until the pull brings the claim, this device still shows the task unassigned: only a task
  // seen as the agent's and then given to someone else counts as gone.
  let seenMine: string | null = null;
  createEffect(() => {
    const current = task();
    if (!playing() || !current || current.id !== taskId()) return;
    const mine = current.assigneeId === props.me.user.id;
    if (mine) seenMine = current.id;
    if (current.status !== 'resolved' && (mine || seenMine !== current.id)) return;
    const then = stopAfter();
    if (then) {
      stop();
      setAgentStatus(then);
      return;
    }
    void next();
  });

  // Nothing was waiting, or the network was away: ask again now and then, and once it is back.
  createEffect(() => {
    if (!playing() || taskId() !== null) return;
    if (!online()) {
      setNote(t('play.offline'));
      return;
    }
    const timer = setInterval(() => void next(), RETRY_MS);
    onCleanup(() => clearInterval(timer));
  });
  createEffect(
    on(online, (now, before) => {
      if (now && before === false && taskId() === null) void next();
    }),
  );

  function stop(): void {
    setPlaying(false);
    setTaskId(null);
    setNote('');
    setStopAfter(null);
  }

  function toggle(): void {
    if (playing()) {
      stop();
      return;
    }
    setTaskId(null);
    setPlaying(true);
    void next();
  }

  return (
    <div class="play">
      <button
        type="button"
        class={playing() ? 'btn play-button play-on' : 'btn play-button'}
        onClick={toggle}
      >
        {playing() ? t('play.stop') : t('play.start')}
      </button>
      <Show when={playing() && taskId() !== null}>
        <select
          class="select play-stop-after"
          aria-label={t('play.stopAfter')}
          value={stopAfter() ?? ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setStopAfter(isAgentStatus(value) ? value : null);
          }}
        >
          <option value="">{t('play.keepPlaying')}</option>
          {/* The status menu's choices, the instance's own included. */}
          <For each={statusMenu()}>
            {(view) => (
              <option value={view.key}>{t('play.thenStatus', { status: labelOf(view) })}</option>
            )}
          </For>
        </select>
      </Show>
      <span class="play-note" role="status">
        <Show when={playing() || note() !== ''}>{note()}</Show>
      </span>
    </div>
  );
}
