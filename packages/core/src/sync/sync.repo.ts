import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { certificates } from '../db/schema/certificates.ts';
import { syncRuns } from '../db/schema/sync-runs.ts';
import { newId } from '../ids.ts';
import type { KnownCertificate, SyncPlan } from './sync-plan.ts';

export type SyncRunRow = typeof syncRuns.$inferSelect;

export async function knownCertificates(db: Db, providerId: string): Promise<KnownCertificate[]> {
  return db
    .select({
      id: certificates.id,
      tykId: certificates.tykId,
      deletedAt: certificates.deletedAt,
      registeredAt: certificates.registeredAt,
    })
    .from(certificates)
    .where(eq(certificates.providerId, providerId));
}

/**
 * Applies a plan with a fixed number of statements whatever its size: the new rows travel as one
 * JSON parameter (`jsonb_to_recordset`), the id lists as one array each. Rows changed since the
 * plan was made (by a concurrent upload, or before a held plan is confirmed) are skipped by the
 * WHERE clauses rather than overwritten. Returns what actually changed.
 */
export async function applyPlan(
  db: Db,
  providerId: string,
  plan: SyncPlan,
  now: Date,
): Promise<{ inserted: string[]; restored: string[]; softDeleted: string[] }> {
  const inserted = plan.insert.length === 0 ? [] : await insertDiscovered(db, providerId, plan, now);
  const restored =
    plan.restore.length === 0
      ? []
      : await db
          .update(certificates)
          .set({ deletedAt: null, lastSeenAt: now, updatedAt: now })
          .where(and(inArray(certificates.id, [...plan.restore]), sql`${certificates.deletedAt} IS NOT NULL`))
          .returning({ id: certificates.id });
  const softDeleted =
    plan.softDelete.length === 0
      ? []
      : await db
          .update(certificates)
          .set({ deletedAt: now, updatedAt: now })
          .where(and(inArray(certificates.id, [...plan.softDelete]), isNull(certificates.deletedAt)))
          .returning({ id: certificates.id });
  return { inserted, restored: restored.map((r) => r.id), softDeleted: softDeleted.map((r) => r.id) };
}

/**
 * New certificates in one statement per INSERT_CHUNK rows: a JSON recordset per chunk keeps the
 * statement count flat for ordinary stores, and the text of one chunk (not the whole listing) is
 * what a large first sync holds in memory at a time.
 */
const INSERT_CHUNK = 10_000;

async function insertDiscovered(db: Db, providerId: string, plan: SyncPlan, now: Date): Promise<string[]> {
  const ids: string[] = [];
  for (let at = 0; at < plan.insert.length; at += INSERT_CHUNK) {
    const rows = plan.insert.slice(at, at + INSERT_CHUNK).map((c) => ({ ...c, id: newId('crt') }));
    const result = await db.execute<{ id: string }>(
      sql`
      INSERT INTO certificates (id, provider_id, tyk_id, source, sha256, x5t_s256, subject_cn, issuer_cn,
        subject_dn, issuer_dn, not_before, not_after, is_ca, has_private_key, subject_alt_names, registered_at,
        last_seen_at, created_at, updated_at)
      SELECT r."id", ${providerId}, r."tykId", 'DASHBOARD', r."sha256", r."x5tS256", r."subjectCn", r."issuerCn",
        r."subjectDn", r."issuerDn", r."notBefore", r."notAfter", r."isCa", r."hasPrivateKey", r."subjectAltNames",
        ${now}, ${now}, ${now}, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) AS r("id" text, "tykId" text, "sha256" text,
        "x5tS256" text, "subjectCn" text, "issuerCn" text, "subjectDn" text, "issuerDn" text,
        "notBefore" timestamptz, "notAfter" timestamptz,
        "isCa" boolean, "hasPrivateKey" boolean, "subjectAltNames" text[])
      ON CONFLICT (provider_id, tyk_id) DO NOTHING
      RETURNING id`,
      'objects',
    );
    for (const r of result) ids.push(r.id);
  }
  return ids;
}

export async function analyzeCertificates(db: Db): Promise<void> {
  await db.execute(sql`ANALYZE certificates`);
}

export async function insertRun(db: Db, values: typeof syncRuns.$inferInsert): Promise<SyncRunRow> {
  const [row] = await db.insert(syncRuns).values(values).returning();
  return row!;
}

export async function updateRun(
  db: Db,
  id: string,
  values: Partial<typeof syncRuns.$inferInsert>,
): Promise<SyncRunRow> {
  const [row] = await db.update(syncRuns).set(values).where(eq(syncRuns.id, id)).returning();
  return row!;
}

/** Marks a RUNNING run FAILED; undefined when it had already ended (e.g. taken for dead). */
export async function failRun(
  db: Db,
  id: string,
  values: {
    error: string;
    finishedAt: Date;
    durationMs: number;
    pagesFetched: number;
    pagesTotal: number | null;
  },
): Promise<SyncRunRow | undefined> {
  const [row] = await db
    .update(syncRuns)
    .set({ status: 'FAILED', ...values })
    .where(and(eq(syncRuns.id, id), eq(syncRuns.status, 'RUNNING')))
    .returning();
  return row;
}

export async function findRun(db: Db, id: string): Promise<SyncRunRow | undefined> {
  const [row] = await db.select().from(syncRuns).where(eq(syncRuns.id, id));
  return row;
}

/** The runs of `ids`, in one statement, in no particular order; unknown ids are absent. */
export async function findRuns(db: Db, ids: readonly string[]): Promise<SyncRunRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(syncRuns)
    .where(inArray(syncRuns.id, [...ids]));
}

/** The run of a provider that is RUNNING or HELD, if any: at most one exists. */
export async function openRun(db: Db, providerId: string): Promise<SyncRunRow | undefined> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.providerId, providerId), eq(syncRuns.status, 'RUNNING')))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  return row;
}

/** The provider's HELD run (its deletions wait for an admin), if any: later runs merge into it. */
export async function heldRun(db: Db, providerId: string): Promise<SyncRunRow | undefined> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.providerId, providerId), eq(syncRuns.status, 'HELD')))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  return row;
}
