// Admins add, change and delete their instance's statuses (issue 6). Each write locks the
// instance's status list, checks the values against the others (pure rules: custom-statuses.ts),
// records a `statusDefinition` change every member's device pulls, and pokes them after commit.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import {
  deleteCustomStatus,
  findCustomStatus,
  insertCustomStatus,
  listCustomStatuses,
  lockInstanceForStatuses,
  recordChanges,
  setCustomStatusOrder,
  updateCustomStatus,
  withTransaction,
  type ChangeRecord,
  type Db,
} from '../db/index.js';
import { AppError } from '../http/errors.js';
import { everyone } from '../sync/apply-context.js';
import type { Poker } from '../sync/poker.js';
import type { SyncStatusDefinition } from '../sync/protocol.js';
import { validateCustomStatus, type CustomStatusInput } from './custom-statuses.js';

export interface StatusAdminDeps {
  db: Db;
  clock: Clock;
  poker: Poker;
}

export async function createCustomStatus(
  deps: StatusAdminDeps,
  instanceId: string,
  input: CustomStatusInput,
): Promise<SyncStatusDefinition> {
  const now = deps.clock().toISOString();
  const id = randomUUID();
  const created = await withTransaction(deps.db, async (tx) => {
    await lockInstanceForStatuses(tx, instanceId);
    const others = await listCustomStatuses(tx, instanceId);
    const values = valid(input, others);
    await insertCustomStatus(tx, { id, instanceId, now, values });
    await recordChanges(tx, instanceId, [everyone('statusDefinition', id)]);
    return findCustomStatus(tx, instanceId, id);
  });
  if (!created) throw new AppError('internal', 'The new status could not be read back.');
  deps.poker.poke(instanceId, 'instance');
  return created;
}

/** Changes what was given; the rest stays. The key stays too, so agents in it keep it. */
export async function editCustomStatus(
  deps: StatusAdminDeps,
  instanceId: string,
  id: string,
  patch: Partial<CustomStatusInput>,
): Promise<SyncStatusDefinition> {
  const now = deps.clock().toISOString();
  const edited = await withTransaction(deps.db, async (tx) => {
    await lockInstanceForStatuses(tx, instanceId);
    const all = await listCustomStatuses(tx, instanceId);
    const current = all.find((s) => s.id === id);
    if (!current) throw notFound();
    const values = valid(
      { ...current, ...patch },
      all.filter((s) => s.id !== id),
    );
    await updateCustomStatus(tx, { id, instanceId, now, values });
    await recordChanges(tx, instanceId, [everyone('statusDefinition', id)]);
    return findCustomStatus(tx, instanceId, id);
  });
  if (!edited) throw notFound();
  deps.poker.poke(instanceId, 'instance');
  return edited;
}

/**
 * Deletes the status; agents in it move to Offline rather than the delete being refused: an
 * agent who went home on "Lunch" must not keep an admin from tidying the list, and Offline never
 * rings anyone. Returns how many agents moved.
 */
export async function removeCustomStatus(
  deps: StatusAdminDeps,
  instanceId: string,
  id: string,
): Promise<{ movedToOffline: number }> {
  const now = deps.clock().toISOString();
  const moved = await withTransaction(deps.db, async (tx) => {
    await lockInstanceForStatuses(tx, instanceId);
    const current = await findCustomStatus(tx, instanceId, id);
    if (!current) throw notFound();
    const userIds = await deleteCustomStatus(tx, { instanceId, key: current.key, now });
    const changes: ChangeRecord[] = [
      ...userIds.map((userId) => everyone('agentStatus', userId)),
      everyone('statusDefinition', id),
    ];
    await recordChanges(tx, instanceId, changes);
    return userIds.length;
  });
  deps.poker.poke(instanceId, 'instance');
  return { movedToOffline: moved };
}

/** Puts the instance's custom statuses in the order given: every one of them, each once. */
export async function orderCustomStatuses(
  deps: StatusAdminDeps,
  instanceId: string,
  ids: readonly string[],
): Promise<SyncStatusDefinition[]> {
  const now = deps.clock().toISOString();
  const ordered = await withTransaction(deps.db, async (tx) => {
    await lockInstanceForStatuses(tx, instanceId);
    const current = await listCustomStatuses(tx, instanceId);
    const known = new Set(current.map((s) => s.id));
    const complete =
      ids.length === known.size &&
      new Set(ids).size === ids.length &&
      ids.every((id) => known.has(id));
    if (!complete) {
      throw new AppError(
        'bad_request',
        'The order must list every custom status of this instance once; reload and try again.',
      );
    }
    await setCustomStatusOrder(tx, { instanceId, ids, now });
    await recordChanges(
      tx,
      instanceId,
      ids.map((id) => everyone('statusDefinition', id)),
    );
    return listCustomStatuses(tx, instanceId);
  });
  deps.poker.poke(instanceId, 'instance');
  return ordered;
}

function valid(input: CustomStatusInput, others: readonly SyncStatusDefinition[]) {
  const checked = validateCustomStatus(
    input,
    others.map((s) => s.label),
  );
  if (!checked.ok) throw new AppError('bad_request', checked.message);
  return checked.value;
}

function notFound(): AppError {
  return new AppError('not_found', 'There is no such status in this instance.');
}
