import type { MutationArgs, MutationName } from './protocol.js';

// Mutations as they arrive: the HTTP schema checks the JSON shape (types, required and unknown
// fields); value rules (a known status, a title, a priority from 1 to 5) are the appliers' job,
// so a mutation that breaks one is rejected as 'invalid' and the client's outbox moves on.
type Widen<T, K extends keyof T> = Omit<T, K> & { [P in K]: string };

export interface IncomingArgs {
  'task.create': Widen<MutationArgs['task.create'], 'type'>;
  'task.setStatus': Widen<MutationArgs['task.setStatus'], 'status'>;
  'task.assign': MutationArgs['task.assign'];
  'task.offer': MutationArgs['task.offer'];
  'task.acceptOffer': MutationArgs['task.acceptOffer'];
  'task.declineOffer': MutationArgs['task.declineOffer'];
  'comment.add': MutationArgs['comment.add'];
  'agentStatus.set': Widen<MutationArgs['agentStatus.set'], 'status'>;
  'filter.save': MutationArgs['filter.save'];
  'filter.delete': MutationArgs['filter.delete'];
  'call.record': Widen<MutationArgs['call.record'], 'direction' | 'outcome'>;
}

export type IncomingMutation = {
  [N in MutationName]: {
    id: string;
    seq: number;
    name: N;
    args: IncomingArgs[N];
    createdAt: string;
  };
}[MutationName];
