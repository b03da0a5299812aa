import type { Db } from './open.js';
import type { ContactsTable } from './schema.js';

/** Whether `number` is a member's extension in the instance: a colleague, not a customer. */
export async function isInstanceExtension(
  db: Db,
  instanceId: string,
  number: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('instance_id', '=', instanceId)
    .where('extension', '=', number)
    .executeTakeFirst();
  return row !== undefined;
}

/** The instance's contacts that have a phone number, for matching a caller. */
export async function contactsWithPhone(
  db: Db,
  instanceId: string,
): Promise<Pick<ContactsTable, 'id' | 'name' | 'phone'>[]> {
  return db
    .selectFrom('contacts')
    .select(['id', 'name', 'phone'])
    .where('instance_id', '=', instanceId)
    .where('phone', 'is not', null)
    .execute();
}
