// The agent's status and its activity timer. Issue 6 makes the status real (server-side, routing).

// `missed` and `wrap_up` are set by the server (a reservation that timed out, the time after a
// call); agents choose among the rest and leave those by choosing another.
export const agentStatuses = ['ready', 'busy', 'break', 'offline', 'missed', 'wrap_up'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

/** The statuses an agent picks from the status menu. */
export const selectableStatuses = [
  'ready',
  'busy',
  'break',
  'offline',
] as const satisfies readonly AgentStatus[];

export function isAgentStatus(value: unknown): value is AgentStatus {
  return typeof value === 'string' && (agentStatuses as readonly string[]).includes(value);
}

/** Whether the status receives routed work (only Ready, until admins can add their own). */
export function receivesWork(status: AgentStatus): boolean {
  return status === 'ready';
}

/** Elapsed time as mm:ss below an hour and hh:mm:ss from then on; negative spans count as zero. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0
    ? `${two(hours)}:${two(minutes)}:${two(seconds)}`
    : `${two(minutes)}:${two(seconds)}`;
}
