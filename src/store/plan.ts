// Which index ranges answer a task list. Every list index ends in updatedAt, so each range reads
// newest first and the ranges merge into the list order (streams.ts); a filter the index does not
// answer is tested on the rows read, which costs a row read (~20-30 µs in Chromium) per row it
// rejects. So the plan is the index that leaves the fewest rows to reject:
// - assignees: [assigneeKey+status+updatedAt], one range per assignee and status;
// - a due window of a few days ("due today"): [status+dueDayKey+updatedAt], one range per status
//   and UTC day; "overdue" (due before now) the same over the last maxDueDays days but today,
//   and [status+dueHourKey+updatedAt] for today's hours up to now, when no task is due before
//   them (checked alongside; else another plan, testing the rows);
// - skills: the multiEntry skillKeys ([status, skill, updatedAt]), one range per status of the
//   first skill (a task needs them all: the others are tested);
// - types: [status+typeKey+updatedAt], one range per status and type;
// - a lowest priority: [status+priorityKey+updatedAt], one range per status and priority;
// - else [status+updatedAt], one range per status.
// When several apply, the one guessed to hold the fewest rows is read (see Candidate), and none
// guessed to hold more than half. The skill, type, priority and due indexes hold only rows the
// words pass has keyed (`keyed`); until then those filters test the rows of the status or
// assignee lists.
import Dexie from 'dexie';
import { taskPriorities, taskTypes } from '../domain';
import type { SyncDb } from './db';
import type { Criteria, RowTestName } from './filter';
import { dayMs, hourMs, utcDay } from './stored';

export interface Plan {
  /** A compound index that ends in updatedAt. */
  index: string;
  /** The index key before updatedAt, one per range. */
  prefixes: (string | number)[][];
  /**
   * The filters its ranges answer: their tests reject (almost) no row it reads. Assignees are
   * tested on the rows of any plan that does not answer them.
   */
  answers: readonly (RowTestName | 'assignees')[];
  /** Ranges of a second index, read and merged with these (overdue: today's hours). */
  also?: { index: string; prefixes: (string | number)[][] };
  /**
   * Set when the ranges may miss matches (overdue tasks due before the days read): resolves
   * false then, and the plan without the due index is read instead. Started with the ranges, so
   * a page is still one round trip.
   */
  verify?: () => Promise<boolean>;
}

/** More days than this are read from the status lists instead: each is a range to merge. */
export const maxDueDays = 8;
/**
 * A plan guessed to hold more than this share of the rows is not worth its ranges: the status
 * lists reject few rows then, and merging many ranges reads more than it saves.
 */
const maxShare = 0.5;

const byStatusIndex = '[status+updatedAt]';
const byAssigneeIndex = '[assigneeKey+status+updatedAt]';
const byTypeIndex = '[status+typeKey+updatedAt]';
const byPriorityIndex = '[status+priorityKey+updatedAt]';
const byDueDayIndex = '[status+dueDayKey+updatedAt]';
const byDueHourIndex = '[status+dueHourKey+updatedAt]';
/** multiEntry: [status, skill, updatedAt] per skill a task requires. */
const bySkillIndex = 'skillKeys';
const keyedIndexes = new Set([bySkillIndex, byTypeIndex, byPriorityIndex, byDueDayIndex]);

/**
 * A plan with a guess of the share of the rows its ranges hold. The store keeps no statistics:
 * an assignee is guessed a fifth of the tasks, a skill a fifth, a type a quarter, each priority
 * a fifth, a due window a tenth; the smallest guess is read, ties go to the first listed.
 */
interface Candidate {
  share: number;
  plan: Plan;
}

/** Whether the plan for these criteria reads an index that holds keyed rows only. */
export function usesFilterKeys(db: SyncDb, criteria: Criteria): boolean {
  return keyedIndexes.has(planList(db, criteria, true).index);
}

/**
 * The plan for a list. `keyed`: the rows carry their filter keys (words-pass.ts). `withoutDue`:
 * the due-day plan's verify said it would miss rows.
 */
export function planList(db: SyncDb, criteria: Criteria, keyed: boolean, withoutDue = false): Plan {
  const { statuses } = criteria;
  const candidates: Candidate[] = [];
  const assignees = criteria.assigneeKeys;
  if (assignees) {
    candidates.push({
      share: 0.2 * assignees.length,
      plan: {
        index: byAssigneeIndex,
        prefixes: assignees.flatMap((a) => statuses.map((s) => [a, s])),
        answers: ['assignees'],
      },
    });
  }
  if (keyed) candidates.push(...keyedCandidates(db, criteria, withoutDue));
  let best: Candidate | undefined;
  for (const candidate of candidates) {
    if (candidate.share <= maxShare && (!best || candidate.share < best.share)) best = candidate;
  }
  return best?.plan ?? { index: byStatusIndex, prefixes: statuses.map((s) => [s]), answers: [] };
}

function keyedCandidates(db: SyncDb, criteria: Criteria, withoutDue: boolean): Candidate[] {
  const { statuses, skills, types, priorityAtLeast, dueFrom, dueBefore } = criteria;
  const out: Candidate[] = [];
  const [skill, ...otherSkills] = skills;
  if (skill !== undefined) {
    // A task must have every skill: the first one's ranges are read, the others tested.
    out.push({
      share: 0.2,
      plan: {
        index: bySkillIndex,
        prefixes: statuses.map((s) => [s, skill]),
        answers: otherSkills.length === 0 ? ['skills'] : [],
      },
    });
  }
  if (dueBefore !== undefined && !withoutDue) {
    const before = Date.parse(dueBefore);
    // The last day with a time before dueBefore (exclusive: midnight belongs to the day after).
    const lastDay = Math.floor((before - 1) / dayMs);
    if (dueFrom !== undefined) {
      // A window ("due today"): its days.
      const days = dayRange(utcDay(dueFrom), lastDay);
      if (days) {
        out.push({
          share: 0.1,
          plan: {
            index: byDueDayIndex,
            prefixes: statuses.flatMap((s) => days.map((day) => [s, day])),
            answers: ['due'],
          },
        });
      }
    } else {
      // Overdue: the last whole days, and today hour by hour up to now. A range of today as a
      // whole would also hold everything due later today, which overdue rejects: early in the
      // day that is nearly all of it, read before the merge can go on (38 ms instead of 9 just
      // after midnight). By the hour, at most the running hour's rows are rejected. Checked
      // alongside: nothing is due before the first day.
      const firstDay = lastDay - maxDueDays + 1;
      const days = dayRange(firstDay, lastDay - 1) ?? [];
      const firstHour = (lastDay * dayMs) / hourMs;
      const lastHour = Math.floor((before - 1) / hourMs);
      const hours = Array.from({ length: lastHour - firstHour + 1 }, (_, i) => firstHour + i);
      out.push({
        share: 0.1,
        plan: {
          index: byDueDayIndex,
          prefixes: statuses.flatMap((s) => days.map((day) => [s, day])),
          also: {
            index: byDueHourIndex,
            prefixes: statuses.flatMap((s) => hours.map((hour) => [s, hour])),
          },
          answers: ['due'],
          verify: () => noneDueBefore(db, statuses, firstDay),
        },
      });
    }
  }
  if (types) {
    out.push({
      share: types.length / taskTypes.length,
      plan: {
        index: byTypeIndex,
        prefixes: statuses.flatMap((s) => types.map((t) => [s, t])),
        answers: ['types'],
      },
    });
  }
  if (priorityAtLeast !== undefined && priorityAtLeast > 1) {
    const wanted = taskPriorities.filter((p) => p >= priorityAtLeast);
    out.push({
      share: wanted.length / taskPriorities.length,
      plan: {
        index: byPriorityIndex,
        prefixes: statuses.flatMap((s) => wanted.map((p) => [s, p])),
        answers: ['priority'],
      },
    });
  }
  return out;
}

/** The days from `first` to `last`, or null when they are too many to read as ranges. */
function dayRange(first: number, last: number): number[] | null {
  if (last < first || last - first + 1 > maxDueDays) return null;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Whether no task of these statuses is due before `day`: one key looked up per status. */
function noneDueBefore(db: SyncDb, statuses: readonly string[], day: number): Promise<boolean> {
  const index = db.tasks.where(byDueDayIndex);
  return Dexie.Promise.all(
    statuses.map((s) =>
      index.between([s, Dexie.minKey], [s, day, Dexie.minKey], true, false).limit(1).primaryKeys(),
    ),
  ).then((found) => found.every((keys) => keys.length === 0));
}
