import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { certificates } from '../db/schema/certificates.ts';
import { products } from '../db/schema/products.ts';
import { providers } from '../db/schema/providers.ts';
import type { KeysetPosition } from '../keyset-page.ts';
import type { Provider } from './provider.ts';

export type ProviderRow = typeof providers.$inferSelect;

/** Columns safe to hand out: everything but the sealed API key. */
const publicColumns = {
  id: providers.id,
  name: providers.name,
  dashboardUrl: providers.dashboardUrl,
  orgId: providers.orgId,
  gatewayUrl: providers.gatewayUrl,
  requestTimeoutMs: providers.requestTimeoutMs,
  createdAt: providers.createdAt,
  updatedAt: providers.updatedAt,
};

export async function findProvider(db: Db, id: string): Promise<Provider | undefined> {
  const [row] = await db.select(publicColumns).from(providers).where(eq(providers.id, id));
  return row;
}

/** With the sealed key: only for building a Dashboard client inside core. */
export async function findProviderRow(db: Db, id: string): Promise<ProviderRow | undefined> {
  const [row] = await db.select().from(providers).where(eq(providers.id, id));
  return row;
}

export async function listProviders(db: Db): Promise<Provider[]> {
  return db.select(publicColumns).from(providers).orderBy(providers.name);
}

/**
 * `limit` providers by name (then id) after `after`, in ONE statement. Names are unique, so the
 * unique index on name serves both the order and the row comparison.
 */
export function pageProviders(
  db: Db,
  q: { readonly after: KeysetPosition | undefined; readonly limit: number },
): Promise<Provider[]> {
  return db
    .select(publicColumns)
    .from(providers)
    .where(
      q.after === undefined
        ? undefined
        : sql`(${providers.name}, ${providers.id}) > (${q.after.key}::text, ${q.after.id}::text)`,
    )
    .orderBy(asc(providers.name), asc(providers.id))
    .limit(q.limit);
}

export async function providersByIds(db: Db, ids: readonly string[]): Promise<Provider[]> {
  if (ids.length === 0) return [];
  return db.query.providers.findMany({
    columns: { apiKeyCiphertext: false },
    where: { id: { in: [...ids] } },
  });
}

export async function insertProvider(db: Db, values: typeof providers.$inferInsert): Promise<Provider> {
  const [row] = await db.insert(providers).values(values).returning(publicColumns);
  return row!;
}

export async function updateProviderRow(
  db: Db,
  id: string,
  values: Partial<typeof providers.$inferInsert>,
): Promise<Provider | undefined> {
  const [row] = await db.update(providers).set(values).where(eq(providers.id, id)).returning(publicColumns);
  return row;
}

export async function providerUsage(db: Db, id: string): Promise<{ certificates: number; products: number }> {
  const [[c], [p]] = await Promise.all([
    db.select({ n: count() }).from(certificates).where(eq(certificates.providerId, id)),
    db.select({ n: count() }).from(products).where(eq(products.providerId, id)),
  ]);
  return { certificates: c?.n ?? 0, products: p?.n ?? 0 };
}

export async function deleteProviderRow(db: Db, id: string): Promise<void> {
  await db.delete(providers).where(eq(providers.id, id));
}
