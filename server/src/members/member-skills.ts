// An admin sets a member's skills (issue 6, "Assign skills to users"). Skills are part of the
// synced member entity, so the write records a `member` change in the same transaction and pokes
// the instance after commit: every device's store, and the router, learn it at once.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import {
  findMembership,
  recordChanges,
  setMemberSkills,
  withTransaction,
  type Db,
} from '../db/index.js';
import { addSkillNames, listSkillNames } from '../db/skills.js';
import type { Poker } from '../sync/poker.js';

export interface MemberSkillsDeps {
  db: Db;
  clock: Clock;
  poker: Poker;
}

/**
 * Replaces the member's skills with `names` (already checked by checkSkillNames). A name the
 * catalogue holds in another case takes the catalogue's spelling; new names join the catalogue.
 * Answers the stored skills, or undefined when the user is not a member of this instance.
 */
export async function replaceMemberSkills(
  deps: MemberSkillsDeps,
  instanceId: string,
  userId: string,
  names: readonly string[],
): Promise<string[] | undefined> {
  const now = deps.clock().toISOString();
  const stored = await withTransaction(deps.db, async (tx) => {
    if (!(await findMembership(tx, instanceId, userId))) return undefined;
    const catalogue = new Map(
      (await listSkillNames(tx, instanceId)).map((name) => [name.toLowerCase(), name]),
    );
    const skills = names.map((name) => catalogue.get(name.toLowerCase()) ?? name);
    await addSkillNames(
      tx,
      instanceId,
      skills.filter((name) => !catalogue.has(name.toLowerCase())),
      now,
      randomUUID,
    );
    await setMemberSkills(tx, instanceId, userId, skills);
    await recordChanges(tx, instanceId, [
      { kind: 'member', entityId: userId, audienceUserId: null },
    ]);
    return skills;
  });
  if (stored) deps.poker.poke(instanceId, 'instance');
  return stored;
}
