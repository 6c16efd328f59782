import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { accessRequests } from '../db/schema/access-requests.ts';
import { productApis, products } from '../db/schema/products.ts';
import type { Product, ProductApi } from './product.ts';

type ProductRow = typeof products.$inferSelect;

/** Products with their APIs, in two statements whatever the number of ids. */
export async function productsByIds(db: Db, ids: readonly string[]): Promise<Product[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(products)
    .where(inArray(products.id, [...ids]));
  return withApis(db, rows);
}

export async function listProducts(db: Db, providerId: string | undefined): Promise<Product[]> {
  const rows = await db
    .select()
    .from(products)
    .where(providerId ? eq(products.providerId, providerId) : undefined)
    .orderBy(products.name, products.id);
  return withApis(db, rows);
}

async function withApis(db: Db, rows: ProductRow[]): Promise<Product[]> {
  if (rows.length === 0) return [];
  const apis = await db
    .select()
    .from(productApis)
    .where(
      inArray(
        productApis.productId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(productApis.apiId);
  const byProduct = new Map<string, ProductApi[]>();
  for (const a of apis) {
    const list = byProduct.get(a.productId) ?? [];
    list.push({ apiId: a.apiId, apiKind: a.apiKind, apiName: a.apiName });
    byProduct.set(a.productId, list);
  }
  return rows.map((r) => ({ ...r, apis: byProduct.get(r.id) ?? [] }));
}

export async function insertProduct(
  db: Db,
  values: typeof products.$inferInsert,
  apis: readonly ProductApi[],
): Promise<string> {
  const [row] = await db.insert(products).values(values).returning({ id: products.id });
  await db.insert(productApis).values(apis.map((a) => ({ ...a, productId: row!.id })));
  return row!.id;
}

export async function updateProductRow(db: Db, id: string, values: Partial<typeof products.$inferInsert>) {
  await db.update(products).set(values).where(eq(products.id, id));
}

export async function approvedRequestCount(db: Db, productId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(accessRequests)
    .where(and(eq(accessRequests.productId, productId), eq(accessRequests.status, 'APPROVED')));
  return row?.n ?? 0;
}
