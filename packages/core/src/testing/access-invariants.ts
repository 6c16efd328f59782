import { getTableName, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { queryRows } from '../db/query-rows.ts';
import { schema } from '../db/relations.ts';

/**
 * The requests that break "a PROVISIONING request always has a live job": PROVISIONING with no
 * PENDING or RUNNING job under its dedupe key. Empty when the state machine holds.
 */
export async function provisioningWithoutJob(db: Db): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT r.id FROM access_requests r
      WHERE r.status = 'PROVISIONING' AND NOT EXISTS (
        SELECT 1 FROM jobs j WHERE j.dedupe_key = 'access_request:' || r.id AND j.status IN ('PENDING', 'RUNNING'))
      ORDER BY r.id`,
  );
  return rows.map((r) => r.id);
}

/**
 * Makes the job of `dedupeKey` look claimed by a worker that died `ageMs` ago (its lease last
 * renewed then), as a killed process leaves it.
 */
export async function abandonJob(db: Db, dedupeKey: string, ageMs: number): Promise<void> {
  await db.execute(
    sql`UPDATE jobs SET status = 'RUNNING', locked_by = 'dead-worker', attempts = attempts + 1,
          locked_at = now() - make_interval(secs => ${ageMs / 1000})
        WHERE dedupe_key = ${dedupeKey}`,
  );
}

/** Every row of every table as JSON text, one line a row: what a secrecy test scans. */
export async function dumpDatabase(db: Db): Promise<string> {
  const lines: string[] = [];
  for (const table of Object.values(schema)) {
    const name = getTableName(table);
    const rows = await queryRows<{ row: string }>(
      db,
      sql`SELECT row_to_json(t)::text AS row FROM ${sql.identifier(name)} t`,
    );
    for (const r of rows) lines.push(`${name} ${r.row}`);
  }
  return lines.join('\n');
}
