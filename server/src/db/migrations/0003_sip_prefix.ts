import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Never edit after it lands: add a new migration instead.
// Every instance gets a SIP prefix: its agents register as '<prefix>-<extension>', so SIP users
// are unique across instances and Kamailio can wall tenants off by comparing prefixes.

const MAX_LENGTH = 31; // ^[a-z][a-z0-9]{1,30}$

/** The prefix a name suggests, e.g. 'Northwind Traders' → 'northwindtraders' (frozen here). */
function prefixFromName(name: string): string {
  const letters = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/^[0-9]+/, '');
  const base = letters.length >= 2 ? letters : `${letters}instance`;
  return base.slice(0, MAX_LENGTH);
}

function unique(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = String(n);
    const candidate = base.slice(0, MAX_LENGTH - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('instances').addColumn('sip_prefix', 'text').execute();

  const rows = await sql<{ id: string; name: string }>`
    select id, name from instances order by created_at, id`.execute(db);
  const taken = new Set<string>();
  for (const row of rows.rows) {
    const prefix = unique(prefixFromName(row.name), taken);
    taken.add(prefix);
    await sql`update instances set sip_prefix = ${prefix} where id = ${row.id}`.execute(db);
  }

  await db.schema
    .createIndex('instances_sip_prefix_unique')
    .on('instances')
    .column('sip_prefix')
    .unique()
    .execute();
  if (postgres) {
    await sql`alter table instances alter column sip_prefix set not null`.execute(db);
  } else {
    // SQLite cannot add NOT NULL to an existing column; triggers enforce it instead.
    for (const event of ['insert', 'update']) {
      await sql
        .raw(
          `create trigger instances_sip_prefix_${event} before ${event} on instances
           when new.sip_prefix is null
           begin select raise(abort, 'NOT NULL constraint failed: instances.sip_prefix'); end`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists instances_sip_prefix_insert`.execute(db).catch(() => undefined);
  await sql`drop trigger if exists instances_sip_prefix_update`.execute(db).catch(() => undefined);
  await db.schema.dropIndex('instances_sip_prefix_unique').execute();
  await db.schema.alterTable('instances').dropColumn('sip_prefix').execute();
}
