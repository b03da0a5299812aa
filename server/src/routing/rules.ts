// The routing rules (issue 6), pure: who may receive a task, which task goes first, which agent
// gets it, and when a reservation has run out. The database layer claims atomically; these
// functions only decide, so they are tested with plain values and an injected clock.

export const channels = ['call', 'email', 'chat', 'manual'] as const;
export type Channel = (typeof channels)[number];

/** A status an agent can be in; admins add their own next to the built-in ones. */
export interface StatusDefinition {
  key: string;
  /** Whether routed work may reach an agent in this status. */
  receivesWork: boolean;
  /** The channels it receives ("Email only"); null for every channel. */
  channels: readonly Channel[] | null;
  /** A break over this is flagged to the agent and team leaders; null for no limit. */
  timeLimitMs: number | null;
}

const minutes = (n: number) => n * 60_000;

export const builtInStatuses: readonly StatusDefinition[] = [
  { key: 'ready', receivesWork: true, channels: null, timeLimitMs: null },
  { key: 'busy', receivesWork: false, channels: null, timeLimitMs: null },
  { key: 'break', receivesWork: false, channels: null, timeLimitMs: minutes(15) },
  { key: 'offline', receivesWork: false, channels: null, timeLimitMs: null },
  // Where a reservation that timed out puts the agent, so work stops bouncing to someone away.
  { key: 'missed', receivesWork: false, channels: null, timeLimitMs: null },
  // After a task or call, until the outcome is given or the wrap-up time runs out.
  { key: 'wrap_up', receivesWork: false, channels: null, timeLimitMs: null },
];

export interface RoutingConfig {
  /** How many tasks of each channel an agent handles at once. */
  capacity: Readonly<Record<Channel, number>>;
  /** How long a reserved agent has to accept before the task goes to someone else. */
  reservationTimeoutMs: Readonly<Record<Channel, number>>;
}

export const defaultRoutingConfig: RoutingConfig = {
  capacity: { call: 1, email: 5, chat: 3, manual: 5 },
  reservationTimeoutMs: { call: 30_000, email: minutes(2), chat: minutes(1), manual: minutes(2) },
};

export interface RoutingTask {
  id: string;
  channel: Channel;
  /** 1..5, 5 most urgent. */
  priority: number;
  requiredSkills: readonly string[];
  /** When it started waiting: the oldest goes first among equal priorities. */
  queuedAt: string;
}

export interface AgentSnapshot {
  userId: string;
  status: StatusDefinition;
  skills: readonly string[];
  /** Tasks of each channel the agent holds now (reserved, assigned or wrapping). */
  load: Readonly<Partial<Record<Channel, number>>>;
  /** Since when the agent has had nothing to do: the one idle longest gets the next task. */
  idleSince: string;
}

export type Ineligibility = 'status' | 'channel' | 'skills' | 'capacity';

/** Why this agent may not receive this task now, or null when they may. */
export function ineligibility(
  agent: AgentSnapshot,
  task: RoutingTask,
  config: RoutingConfig = defaultRoutingConfig,
): Ineligibility | null {
  if (!agent.status.receivesWork) return 'status';
  if (agent.status.channels && !agent.status.channels.includes(task.channel)) return 'channel';
  if (!task.requiredSkills.every((skill) => agent.skills.includes(skill))) return 'skills';
  if ((agent.load[task.channel] ?? 0) >= config.capacity[task.channel]) return 'capacity';
  return null;
}

/** Highest priority first, then the oldest, then by id so the order is total. */
export function compareTasks(a: RoutingTask, b: RoutingTask): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.queuedAt !== b.queuedAt) return a.queuedAt < b.queuedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The eligible agent idle longest (then by id), or undefined when nobody may take it. */
export function pickAgent(
  task: RoutingTask,
  agents: readonly AgentSnapshot[],
  config: RoutingConfig = defaultRoutingConfig,
): AgentSnapshot | undefined {
  let best: AgentSnapshot | undefined;
  for (const agent of agents) {
    if (ineligibility(agent, task, config) !== null) continue;
    if (
      !best ||
      agent.idleSince < best.idleSince ||
      (agent.idleSince === best.idleSince && agent.userId < best.userId)
    )
      best = agent;
  }
  return best;
}

/** Play: the first task in routing order this agent may take. */
export function nextTaskFor(
  agent: AgentSnapshot,
  tasks: readonly RoutingTask[],
  config: RoutingConfig = defaultRoutingConfig,
): RoutingTask | undefined {
  return [...tasks].sort(compareTasks).find((task) => ineligibility(agent, task, config) === null);
}

export function reservationExpiresAt(
  channel: Channel,
  reservedAt: Date,
  config: RoutingConfig = defaultRoutingConfig,
): Date {
  return new Date(reservedAt.getTime() + config.reservationTimeoutMs[channel]);
}

/** Whether a status with a time limit has run over it (a long break). */
export function isOverLimit(status: StatusDefinition, since: Date, now: Date): boolean {
  return status.timeLimitMs !== null && now.getTime() - since.getTime() > status.timeLimitMs;
}
