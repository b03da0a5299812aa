// Queue numbers (issue 6, inbound calls): what a caller dials on the trunk, the skills and
// priority its call tasks get, and how long each agent rings. The Admin form's rules mirror the
// server's (docs/contract.md, "Queue numbers"), so mistakes are named before anything is sent.
import { parseWholeNumber, type SettingsFieldProblem } from './instance-settings';

export interface QueueNumber {
  number: string;
  name: string;
  skills: string[];
  priority: number;
  ringSeconds: number;
}

export const queuePriorityRange = { min: 1, max: 5 } as const;
export const ringSecondsRange = { min: 5, max: 300 } as const;

/** The form as typed: skills as one comma-separated line. */
export interface QueueForm {
  number: string;
  name: string;
  skills: string;
  priority: string;
  ringSeconds: string;
}

export type QueueProblem = 'number' | 'name' | 'skills' | SettingsFieldProblem;

export type QueueCheck =
  | { ok: true; queue: QueueNumber }
  | {
      ok: false;
      number?: QueueProblem;
      name?: QueueProblem;
      skills?: QueueProblem;
      priority?: SettingsFieldProblem;
      ringSeconds?: SettingsFieldProblem;
    };

export const emptyQueueForm: QueueForm = {
  number: '',
  name: '',
  skills: '',
  priority: '3',
  ringSeconds: '30',
};

export function queueForm(queue: QueueNumber): QueueForm {
  return {
    number: queue.number,
    name: queue.name,
    skills: queue.skills.join(', '),
    priority: String(queue.priority),
    ringSeconds: String(queue.ringSeconds),
  };
}

/** The queue the form describes, or which fields are wrong. */
export function checkQueueForm(form: QueueForm): QueueCheck {
  const number = form.number.trim();
  const name = form.name.trim();
  const skills = [
    ...new Set(
      form.skills
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const priority = parseWholeNumber(form.priority, queuePriorityRange);
  const ringSeconds = parseWholeNumber(form.ringSeconds, ringSecondsRange);
  const problems = {
    ...(/^[0-9+*#]{1,32}$/.test(number) ? {} : { number: 'number' as const }),
    ...(name.length >= 1 && name.length <= 100 ? {} : { name: 'name' as const }),
    ...(skills.length <= 30 && skills.every((s) => s.length <= 40)
      ? {}
      : { skills: 'skills' as const }),
    ...(priority.ok ? {} : { priority: priority.problem }),
    ...(ringSeconds.ok ? {} : { ringSeconds: ringSeconds.problem }),
  };
  if (Object.keys(problems).length > 0 || !priority.ok || !ringSeconds.ok) {
    return { ok: false, ...problems };
  }
  return {
    ok: true,
    queue: { number, name, skills, priority: priority.value, ringSeconds: ringSeconds.value },
  };
}
