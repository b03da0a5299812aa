// Solid reads the local store only through these: a liveQuery observable from src/store becomes a
// signal that updates whenever the rows it read change (in this tab, another tab or the service
// worker), and is dropped with the component that asked.
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';

/** The shape of src/store's live reads (a Dexie liveQuery underneath). */
export interface Subscribable<T> {
  subscribe(next: (value: T) => void, error?: (error: unknown) => void): { unsubscribe(): void };
}

export interface Live<T> {
  (): T;
  /** False until the first answer arrives, so screens can tell "loading" from "empty". */
  ready: Accessor<boolean>;
  error: Accessor<unknown>;
}

/**
 * `source` is tracked: when a signal it reads changes (a filter, the open task), the old query
 * is unsubscribed and the new one starts; until its first answer the previous value stays on
 * screen, so lists do not flash empty between filters.
 */
export function createLive<T>(source: () => Subscribable<T> | null | undefined, initial: T): Live<T> {
  const [value, setValue] = createSignal<T>(initial, { equals: false });
  const status = follow(source, (next) => setValue(() => next));
  // The signal's own getter is the accessor; reading it in JSX or an effect tracks it.
  // eslint-disable-next-line solid/reactivity
  return Object.assign(value, status);
}

/**
 * A live list whose rows keep their identity across answers: each answer is reconciled by `key`
 * into a Solid store, so <For> re-renders only the rows that changed. Without it, every pull
 * page or poke hands back new objects and every row of a long list is rebuilt.
 */
export function createLiveList<T extends object>(
  source: () => Subscribable<T[]> | null | undefined,
  key: keyof T & string,
): Live<T[]> {
  const [rows, setRows] = createStore<T[]>([]);
  const status = follow(source, (next) => setRows(reconcile(next, { key })));
  return Object.assign(() => rows, status);
}

/** Subscribes to whatever `source` names now, hands each answer to `onNext`, tracks readiness. */
function follow<T>(
  source: () => Subscribable<T> | null | undefined,
  onNext: (value: T) => void,
): Pick<Live<T>, 'ready' | 'error'> {
  const [ready, setReady] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  createEffect(
    on(source, (observable) => {
      if (!observable) return;
      const subscription = observable.subscribe(
        (next) => {
          onNext(next);
          setError(null);
          setReady(true);
        },
        (e) => {
          setError(e);
          setReady(true);
        },
      );
      onCleanup(() => subscription.unsubscribe());
    }),
  );
  return { ready, error };
}
