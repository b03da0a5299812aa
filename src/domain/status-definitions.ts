// What the PWA shows of a status (issue 6): the built-in ones (labels from i18n, colours from
// CSS) and the instance's custom ones (label and colour from their synced definition), and
// whether the agent has been in one longer than its limit. Pure; the clock is passed in.
import {
  isBuiltInStatus,
  selectableStatuses,
  type AgentStatus,
  type BuiltInStatus,
} from './agent-status';
import type { SyncStatusDefinition } from './sync';
import { taskTypes, type TaskType } from './types';

export type StatusView =
  | { kind: 'builtIn'; key: BuiltInStatus; timeLimitMs: number | null }
  | {
      kind: 'custom';
      key: AgentStatus;
      label: string;
      colour: string;
      timeLimitMs: number | null;
    }
  /** A custom key this device has no definition of (deleted, or not pulled yet). */
  | { kind: 'unknown'; key: AgentStatus; timeLimitMs: null };

/** The built-in limits, as the server's routing rules have them (server/src/routing/rules.ts). */
export const builtInTimeLimitsMs: Readonly<Partial<Record<BuiltInStatus, number>>> = {
  break: 15 * 60_000,
};

export function statusView(
  key: AgentStatus,
  definitions: readonly SyncStatusDefinition[],
): StatusView {
  if (isBuiltInStatus(key))
    return { kind: 'builtIn', key, timeLimitMs: builtInTimeLimitsMs[key] ?? null };
  const found = definitions.find((d) => d.key === key);
  if (!found) return { kind: 'unknown', key, timeLimitMs: null };
  return {
    kind: 'custom',
    key,
    label: found.label,
    colour: found.colour,
    timeLimitMs: found.timeLimitSeconds === null ? null : found.timeLimitSeconds * 1000,
  };
}

/** The status menu: the built-ins an agent picks, then the instance's own in their order. */
export function menuStatuses(definitions: readonly SyncStatusDefinition[]): StatusView[] {
  const custom = [...definitions].sort((a, b) => a.position - b.position);
  return [
    ...selectableStatuses.map((key) => statusView(key, definitions)),
    ...custom.map((d) => statusView(d.key, definitions)),
  ];
}

/** Whether more than the status's limit has passed since `since` (ms) by the clock `now` (ms). */
export function isOverLimit(view: StatusView, since: number, now: number): boolean {
  return view.timeLimitMs !== null && now - since > view.timeLimitMs;
}

/** A limit in whole minutes, for "over the 15 min limit". */
export function limitMinutes(view: StatusView): number | null {
  return view.timeLimitMs === null ? null : Math.round(view.timeLimitMs / 60_000);
}

/** The admin's form for a custom status, as typed. */
export interface StatusForm {
  label: string;
  colour: string;
  receivesWork: boolean;
  /** Every channel, or only `channels`. */
  allChannels: boolean;
  channels: TaskType[];
  /** Whole minutes, or empty for no limit. */
  limitMinutes: string;
}

export type StatusFormProblem = 'label' | 'channels' | 'limit';

export interface StatusInput {
  label: string;
  colour: string;
  receivesWork: boolean;
  channels: TaskType[] | null;
  timeLimitSeconds: number | null;
}

/**
 * What the form sends, or the field to fix first. The server checks again (and the names of
 * other statuses, which only it knows for sure); these catch what can be said at once.
 */
export function statusFormInput(
  form: StatusForm,
): { ok: true; value: StatusInput } | { ok: false; problem: StatusFormProblem } {
  const label = form.label.trim();
  if (label === '') return { ok: false, problem: 'label' };
  const limitText = form.limitMinutes.trim();
  let timeLimitSeconds: number | null = null;
  if (limitText !== '') {
    const minutes = Number(limitText);
    if (!/^\d+$/.test(limitText) || minutes < 1 || minutes > 1440)
      return { ok: false, problem: 'limit' };
    timeLimitSeconds = minutes * 60;
  }
  const only = taskTypes.filter((c) => form.channels.includes(c));
  if (form.receivesWork && !form.allChannels && only.length === 0)
    return { ok: false, problem: 'channels' };
  return {
    ok: true,
    value: {
      label,
      colour: form.colour,
      receivesWork: form.receivesWork,
      channels: form.receivesWork && !form.allChannels ? only : null,
      timeLimitSeconds,
    },
  };
}

/** The form filled from a saved status (to edit it), or empty for a new one. */
export function statusFormOf(status?: SyncStatusDefinition): StatusForm {
  return {
    label: status?.label ?? '',
    colour: status?.colour ?? '#2563eb',
    receivesWork: status?.receivesWork ?? false,
    allChannels: status?.channels === null || status === undefined,
    channels: status?.channels ?? [],
    limitMinutes:
      status?.timeLimitSeconds == null ? '' : String(Math.round(status.timeLimitSeconds / 60)),
  };
}
