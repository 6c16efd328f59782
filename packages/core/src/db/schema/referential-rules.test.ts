import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  describeDatabases,
  insertTestAccessChain,
  insertTestOrganisation,
  insertTestProvider,
  pgRejection,
  testCertificateRow,
} from '../../testing/index.ts';
import { PG_ERROR } from '../pg-error.ts';
import { accessRequestCertificates, accessRequests } from './access-requests.ts';
import { certificateOrganisations, certificates } from './certificates.ts';
import { credentials } from './credentials.ts';
import { organisations } from './organisations.ts';
import { productApis, products } from './products.ts';
import { providers } from './providers.ts';
import { syncRuns } from './sync-runs.ts';
import { users } from './users.ts';

// The chosen rule: CASCADE only for rows meaningless without their parent (join rows, product APIs,
// sync history); RESTRICT for anything that mirrors Dashboard state or grants access, so removing
// a parent that still has them fails loudly and the service decides; SET NULL for "decided by".
describeDatabases('referential rules', (ctx) => {
  // PostgreSQL 18 (inside PGlite 0.5) reports RESTRICT as restrict_violation; 15 as foreign_key_violation.
  const RESTRICT_CODE = ctx.dialect === 'pglite' ? PG_ERROR.restrictViolation : PG_ERROR.foreignKeyViolation;

  it('cascades organisation links from both sides and nothing more', async () => {
    const provider = await insertTestProvider(ctx.db);
    const [acme, globex] = [await insertTestOrganisation(ctx.db), await insertTestOrganisation(ctx.db)];
    const [kept, removed] = await ctx.db
      .insert(certificates)
      .values([testCertificateRow(provider), testCertificateRow(provider)])
      .returning();
    await ctx.db.insert(certificateOrganisations).values([
      { certificateId: kept!.id, organisationId: acme.id },
      { certificateId: kept!.id, organisationId: globex.id },
      { certificateId: removed!.id, organisationId: acme.id },
    ]);

    await ctx.db.delete(certificates).where(eq(certificates.id, removed!.id));
    await ctx.db.delete(organisations).where(eq(organisations.id, globex.id));

    expect(await ctx.db.select().from(certificateOrganisations)).toMatchObject([
      { certificateId: kept!.id, organisationId: acme.id },
    ]);
    expect(await ctx.db.$count(certificates)).toBe(1);
  });

  it('refuses to delete a provider that still has certificates; its sync runs go with it', async () => {
    const provider = await insertTestProvider(ctx.db);
    await ctx.db.insert(syncRuns).values({ providerId: provider.id, trigger: 'MANUAL' });
    await ctx.db.insert(certificates).values(testCertificateRow(provider));
    const deleteProvider = () => ctx.db.delete(providers).where(eq(providers.id, provider.id));

    expect(await pgRejection(deleteProvider())).toMatchObject({
      code: RESTRICT_CODE,
      constraint: 'certificates_provider_id_providers_id_fkey',
    });
    await ctx.db.delete(certificates);
    await deleteProvider();
    expect(await ctx.db.$count(syncRuns)).toBe(0);
  });

  it('keeps products with access requests, drops product APIs with their product', async () => {
    const chain = await insertTestAccessChain(ctx.db);
    const deleteProduct = () => ctx.db.delete(products).where(eq(products.id, chain.product.id));
    expect((await pgRejection(deleteProduct())).code).toBe(RESTRICT_CODE);

    await ctx.db.delete(accessRequests);
    await deleteProduct();
    expect(await ctx.db.$count(productApis)).toBe(0);
  });

  it('protects provisioned certificates and clears "decided by" when the admin goes', async () => {
    const chain = await insertTestAccessChain(ctx.db);
    const [cert] = await ctx.db.insert(certificates).values(testCertificateRow(chain.provider)).returning();
    await ctx.db.insert(accessRequestCertificates).values({
      accessRequestId: chain.accessRequest.id,
      certificateId: cert!.id,
    });
    const [admin] = await ctx.db
      .insert(users)
      .values({ role: 'ADMIN', name: 'Root', tokenHash: 'a'.repeat(64) })
      .returning();
    await ctx.db
      .update(accessRequests)
      .set({ status: 'REJECTED', rejectReason: 'no', decidedById: admin!.id, decidedAt: new Date() })
      .where(eq(accessRequests.id, chain.accessRequest.id));

    expect((await pgRejection(ctx.db.delete(certificates))).code).toBe(RESTRICT_CODE);
    await ctx.db.delete(users).where(eq(users.id, admin!.id));
    const [request] = await ctx.db.select().from(accessRequests);
    expect(request).toMatchObject({ status: 'REJECTED', decidedById: null });
  });

  it('allows one live credential per access request; a revoked one makes room', async () => {
    const { accessRequest } = await insertTestAccessChain(ctx.db);
    const credential = { accessRequestId: accessRequest.id, tokenCiphertext: 'v1:x' };
    const [first] = await ctx.db.insert(credentials).values(credential).returning();

    expect(await pgRejection(ctx.db.insert(credentials).values(credential))).toMatchObject({
      code: '23505',
      constraint: 'credentials_one_live_per_access_request',
    });
    await ctx.db.update(credentials).set({ revokedAt: new Date() }).where(eq(credentials.id, first!.id));
    await ctx.db.insert(credentials).values(credential);
    expect(await ctx.db.$count(credentials)).toBe(2);
  });
});
