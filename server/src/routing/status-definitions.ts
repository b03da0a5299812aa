// An instance's statuses as the routing rules see them: the built-in ones, then the ones its
// admins added. Routing, Play and the status applier read them here, so a custom "Email only"
// receives email wherever work is handed out.
import { listCustomStatuses, type Db } from '../db/index.js';
import { customDefinition } from './custom-statuses.js';
import { builtInStatuses, type StatusDefinition } from './rules.js';

export async function statusDefinitions(db: Db, instanceId: string): Promise<StatusDefinition[]> {
  const custom = await listCustomStatuses(db, instanceId);
  return [...builtInStatuses, ...custom.map(customDefinition)];
}

/** A key the instance does not know (deleted meanwhile) receives nothing. */
export function definitionOf(
  definitions: readonly StatusDefinition[],
  key: string,
): StatusDefinition {
  return (
    definitions.find((s) => s.key === key) ?? {
      key,
      receivesWork: false,
      channels: null,
      timeLimitMs: null,
    }
  );
}

export function receivingKeys(definitions: readonly StatusDefinition[]): string[] {
  return definitions.filter((s) => s.receivesWork).map((s) => s.key);
}
