// The task list asked for at start-up, in parallel with /api/me, instead of after it: one round
// trip less before the first screen shows data. Only the first Tasks render may use it.
import { api, type ApiResult } from '../../api';
import type { TaskSummary } from '../../domain';

type TasksAnswer = ApiResult<{ tasks: TaskSummary[] }>;

let prefetched: Promise<TasksAnswer> | null = null;

export function prefetchTasks(): void {
  prefetched = api.tasks(200);
}

/** The prefetched answer, once; null when there is none (or it was dropped). */
export function takePrefetchedTasks(): Promise<TasksAnswer> | null {
  const answer = prefetched;
  prefetched = null;
  return answer;
}

/** Sign-in and instance switches change what "the tasks" are: forget the early answer. */
export function dropPrefetchedTasks(): void {
  prefetched = null;
}
