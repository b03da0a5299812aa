import type { AgentStatus } from '../../src/domain/agent-status';
import type { FilterQuery, LogKind, Mutation, RejectReason } from '../../src/domain';
import type { TaskStatus } from '../../src/domain/types';

// What the server must hold after the run: the contract's rules (docs/contract.md, "Sync")
// applied to every queued mutation once, in seq order. The run queues only what these rules
// decide without the server's clock: its own tasks, unique comment ids, `at` times in the past.

export interface ExpectedLogItem {
  taskId: string;
  kind: LogKind;
  data: Record<string, unknown>;
}

export interface ExpectedFilter {
  name: string;
  shared: boolean;
  query: FilterQuery;
}

export interface Expected {
  tasks: Map<string, { title: string; status: TaskStatus }>;
  /** In the order the server must have stored them (seq order). */
  comments: { id: string; taskId: string; body: string }[];
  /** The log items of the run's tasks, in seq order. */
  log: ExpectedLogItem[];
  filters: Map<string, ExpectedFilter>;
  agentStatus: { status: AgentStatus; since: string } | null;
  /** Mutation id → the reason the server must give. */
  rejected: Map<string, RejectReason>;
}

export interface Initial {
  filters: Map<string, ExpectedFilter>;
  agentStatus: { status: AgentStatus; since: string } | null;
}

export function expectedState(initial: Initial, queued: readonly Mutation[]): Expected {
  const state: Expected = {
    tasks: new Map(),
    comments: [],
    log: [],
    filters: new Map(initial.filters),
    agentStatus: initial.agentStatus,
    rejected: new Map(),
  };
  const ordered = [...queued].sort((a, b) => a.seq - b.seq);
  for (const mutation of ordered) {
    const rejection = apply(state, mutation);
    if (rejection) state.rejected.set(mutation.id, rejection);
  }
  return state;
}

function apply(state: Expected, mutation: Mutation): RejectReason | null {
  switch (mutation.name) {
    case 'task.create': {
      const { id, title } = mutation.args;
      if (state.tasks.has(id)) return null; // the creator's replay under a new seq
      state.tasks.set(id, { title, status: 'open' });
      state.log.push({ taskId: id, kind: 'created', data: {} });
      return null;
    }
    case 'task.setStatus': {
      const { taskId, status } = mutation.args;
      const task = state.tasks.get(taskId);
      if (!task) return 'not_found';
      if (task.status === status) return null;
      state.log.push({ taskId, kind: 'status', data: { from: task.status, to: status } });
      task.status = status;
      return null;
    }
    case 'comment.add': {
      const { id, taskId, body } = mutation.args;
      if (!state.tasks.has(taskId)) return 'not_found';
      state.comments.push({ id, taskId, body });
      state.log.push({ taskId, kind: 'comment', data: { commentId: id } });
      return null;
    }
    case 'agentStatus.set': {
      const { status, at } = mutation.args;
      // The server's own statuses (a timed-out reservation, after a call) are not the agent's.
      if (status === 'missed' || status === 'wrap_up') return 'invalid';
      const current = state.agentStatus;
      if (current && (current.since > at || (current.since === at && current.status === status)))
        return null;
      state.agentStatus = { status, since: at };
      return null;
    }
    case 'filter.save': {
      const { id, shared, query } = mutation.args;
      const name = mutation.args.name.trim();
      const sameName = [...state.filters].find(([other, f]) => other !== id && f.name === name);
      if (sameName) return 'conflict';
      state.filters.set(id, { name, shared, query });
      return null;
    }
    case 'filter.delete':
      state.filters.delete(mutation.args.id);
      return null;
    default:
      throw new Error(`the chaos model does not know ${mutation.name}`);
  }
}
