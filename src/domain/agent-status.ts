// The agent's status and its activity timer. Issue 6 makes the status real (server-side, routing)
// and lets admins add their own statuses next to the built-in ones (status-definitions.ts).

// `missed` and `wrap_up` are set by the server (a reservation that timed out, the time after a
// call); agents choose among the rest and leave those by choosing another.
export const agentStatuses = ['ready', 'busy', 'break', 'offline', 'missed', 'wrap_up'] as const;
export type BuiltInStatus = (typeof agentStatuses)[number];
/** An instance's own status: 'c-<uuid>', made by the server, stable when its label changes. */
export type CustomStatusKey = `c-${string}`;
export type AgentStatus = BuiltInStatus | CustomStatusKey;

/** The built-in statuses an agent picks from the status menu. */
export const selectableStatuses = [
  'ready',
  'busy',
  'break',
  'offline',
] as const satisfies readonly BuiltInStatus[];

export function isBuiltInStatus(value: unknown): value is BuiltInStatus {
  return typeof value === 'string' && (agentStatuses as readonly string[]).includes(value);
}

const CUSTOM_KEY = /^c-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isCustomStatusKey(value: unknown): value is CustomStatusKey {
  return typeof value === 'string' && CUSTOM_KEY.test(value);
}

/** A key shaped like a status; whether this instance has it is for its definitions to say. */
export function isAgentStatus(value: unknown): value is AgentStatus {
  return isBuiltInStatus(value) || isCustomStatusKey(value);
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
