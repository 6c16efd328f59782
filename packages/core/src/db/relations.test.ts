import { expect, it } from 'vitest';
import { describeDatabases, insertTestAccessChain, testCertificateRow } from '../testing/index.ts';
import { accessRequestCertificates, accessRequests } from './schema/access-requests.ts';
import { certificateOrganisations, certificates } from './schema/certificates.ts';
import { credentials } from './schema/credentials.ts';
import { syncRuns } from './schema/sync-runs.ts';

describeDatabases('relations', (ctx) => {
  it('loads every relation, each query in one statement', async () => {
    const chain = await insertTestAccessChain(ctx.db);
    const [cert] = await ctx.db.insert(certificates).values(testCertificateRow(chain.provider)).returning();
    await ctx.db
      .insert(certificateOrganisations)
      .values({ certificateId: cert!.id, organisationId: chain.organisation.id });
    await ctx.db
      .insert(accessRequestCertificates)
      .values({ accessRequestId: chain.accessRequest.id, certificateId: cert!.id });
    await ctx.db
      .insert(credentials)
      .values({ accessRequestId: chain.accessRequest.id, tokenCiphertext: 'x' });
    await ctx.db.insert(syncRuns).values({ providerId: chain.provider.id, trigger: 'MANUAL' });
    const { db } = ctx;

    const { result, statements } = await ctx.countStatements(async () => ({
      request: await db.query.accessRequests.findFirst({
        with: {
          app: { with: { owner: { with: { organisation: true } }, organisation: true } },
          product: { with: { provider: true, apis: { with: { product: true } } } },
          plan: { with: { accessRequests: true } },
          certificate: true,
          decidedBy: true,
          provisionedCertificates: { with: { organisations: true, provisionedFor: true, provider: true } },
          credentials: { with: { accessRequest: true } },
        },
      }),
      organisation: await db.query.organisations.findFirst({
        with: { certificates: true, users: { with: { apps: true } }, apps: true },
      }),
      provider: await db.query.providers.findFirst({
        with: { certificates: true, products: true, syncRuns: { with: { provider: true } } },
      }),
    }));

    expect(statements).toHaveLength(3);
    expect(result.request).toMatchObject({
      app: {
        owner: { organisation: { id: chain.organisation.id } },
        organisation: { id: chain.organisation.id },
      },
      product: {
        provider: { id: chain.provider.id },
        apis: [{ apiId: 'api-1', product: { id: chain.product.id } }],
      },
      plan: { accessRequests: [{ id: chain.accessRequest.id }] },
      certificate: null,
      decidedBy: null,
      provisionedCertificates: [
        {
          id: cert!.id,
          organisations: [{ id: chain.organisation.id }],
          provisionedFor: [{ id: chain.accessRequest.id }],
        },
      ],
      credentials: [{ accessRequest: { id: chain.accessRequest.id } }],
    });
    expect(result.organisation).toMatchObject({
      certificates: [{ id: cert!.id }],
      users: [{ apps: [{ id: chain.app.id }] }],
    });
    expect(result.provider).toMatchObject({
      certificates: [{ id: cert!.id }],
      products: [{ id: chain.product.id }],
      syncRuns: [{ provider: { id: chain.provider.id } }],
    });
    expect(await ctx.db.$count(accessRequests)).toBe(1);
  });
});
