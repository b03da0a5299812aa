import {
  deleteFilter,
  findFilterAnywhere,
  insertFilters,
  updateFilter,
  type ChangeRecord,
} from '../db/index.js';
import { filterNamesNear, type FilterName } from '../db/filter-names.js';
import { ok, reject, UUID, type ApplyContext, type Outcome } from './apply-context.js';
import type { IncomingArgs } from './incoming.js';

export const FILTER_NAME_MAX = 100;
export const FILTER_QUERY_MAX = 10_000;

const folded = (name: string) => name.trim().toLocaleLowerCase();

/**
 * The name rule (src/app/tasks/filter-names.ts checks the same before queueing): one's own filters
 * have distinct names, and so do the filters shared in the instance, ignoring case and spaces.
 * A private filter may repeat a colleague's shared filter's name; the list marks shared ones.
 */
export function nameClash(
  candidates: readonly FilterName[],
  filter: { id: string; name: string; shared: boolean },
  userId: string,
): 'own' | 'shared' | null {
  const same = candidates.filter(
    (f) => f.id !== filter.id && folded(f.name) === folded(filter.name),
  );
  if (same.some((f) => f.owner_id === userId)) return 'own';
  if (filter.shared && same.some((f) => f.shared === 1)) return 'shared';
  return null;
}

/** A private filter concerns only its owner; one that is or was shared concerns everyone. */
function filterChange(id: string, ownerId: string, everShared: boolean): ChangeRecord {
  return { kind: 'filter', entityId: id, audienceUserId: everShared ? null : ownerId };
}

export async function filterSave(
  ctx: ApplyContext,
  a: IncomingArgs['filter.save'],
): Promise<Outcome> {
  const touched = [{ kind: 'filter' as const, id: a.id }];
  const invalid = (message: string) => reject('invalid', message, touched);
  if (!UUID.test(a.id)) return invalid('The filter id must be a UUID.');
  const name = a.name.trim();
  if (name === '') return invalid('A filter needs a name.');
  if (name.length > FILTER_NAME_MAX) {
    return invalid(`A filter name can have at most ${FILTER_NAME_MAX} characters.`);
  }
  const query = JSON.stringify(a.query);
  if (query.length > FILTER_QUERY_MAX) return invalid('This filter is too large to save.');

  const { instanceId, userId } = ctx.actor;
  const existing = await findFilterAnywhere(ctx.tx, a.id);
  if (existing && (existing.instance_id !== instanceId || existing.owner_id !== userId)) {
    return reject('forbidden', 'Only the owner can change a filter.', touched);
  }
  const clash = nameClash(
    await filterNamesNear(ctx.tx, instanceId, userId),
    { id: a.id, name, shared: a.shared },
    userId,
  );
  if (clash === 'own') {
    return reject('conflict', `You already have a filter named "${name}".`, touched);
  }
  if (clash === 'shared') {
    return reject(
      'conflict',
      `A filter shared in this instance is already named "${name}": choose another name, or keep it private.`,
      touched,
    );
  }
  const shared = a.shared ? 1 : 0;
  if (existing) {
    if (existing.name === name && existing.shared === shared && existing.query === query)
      return ok();
    await updateFilter(ctx.tx, a.id, { name, shared, query, updated_at: ctx.now });
  } else {
    await insertFilters(ctx.tx, [
      {
        id: a.id,
        instance_id: instanceId,
        owner_id: userId,
        name,
        shared,
        query,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
    ]);
  }
  return ok([filterChange(a.id, userId, a.shared || existing?.shared === 1)]);
}

export async function filterDelete(
  ctx: ApplyContext,
  a: IncomingArgs['filter.delete'],
): Promise<Outcome> {
  const existing = await findFilterAnywhere(ctx.tx, a.id);
  // Deleting what is not there (any more, or anywhere this user can see) is done already.
  if (!existing || existing.instance_id !== ctx.actor.instanceId) return ok();
  if (existing.owner_id !== ctx.actor.userId) {
    return reject('forbidden', 'Only the owner can delete a filter.', [
      { kind: 'filter', id: a.id },
    ]);
  }
  await deleteFilter(ctx.tx, a.id);
  return ok([filterChange(a.id, existing.owner_id, existing.shared === 1)]);
}
