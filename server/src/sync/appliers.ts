import type { ApplyContext, Outcome } from './apply-context.js';
import { agentStatusSet, callRecord } from './apply-agent.js';
import { commentAdd } from './apply-comment.js';
import { filterDelete, filterSave } from './apply-filter.js';
import { taskAcceptOffer, taskDeclineOffer, taskOffer } from './apply-offer.js';
import { taskAssign, taskCreate, taskSetStatus } from './apply-task.js';
import type { IncomingArgs, IncomingMutation } from './incoming.js';
import type { MutationName } from './protocol.js';

type Applier<N extends MutationName> = (
  ctx: ApplyContext,
  args: IncomingArgs[N],
) => Promise<Outcome>;

/** One applier per mutation name; each runs inside the mutation's transaction. */
export const appliers: { [N in MutationName]: Applier<N> } = {
  'task.create': taskCreate,
  'task.setStatus': taskSetStatus,
  'task.assign': taskAssign,
  'task.offer': taskOffer,
  'task.acceptOffer': taskAcceptOffer,
  'task.declineOffer': taskDeclineOffer,
  'comment.add': commentAdd,
  'agentStatus.set': agentStatusSet,
  'filter.save': filterSave,
  'filter.delete': filterDelete,
  'call.record': callRecord,
};

export function applyMutation(ctx: ApplyContext, mutation: IncomingMutation): Promise<Outcome> {
  const applier = appliers[mutation.name] as Applier<typeof mutation.name>;
  return applier(ctx, mutation.args as never);
}
