// Reads for the status menu and the Team view (issue 6): the instance's custom statuses in menu
// order, and every member's status. Both tables hold a few rows per member, so they read whole.
import type { SyncDb } from './db';
import type { SyncAgentStatus, SyncStatusDefinition } from './records';

export async function readStatusDefinitions(db: SyncDb): Promise<SyncStatusDefinition[]> {
  const all = await db.statusDefinitions.toArray();
  return all.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
}

export function readAgentStatuses(db: SyncDb): Promise<SyncAgentStatus[]> {
  return db.agentStatuses.toArray();
}
