import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeDatabases, insertTestAccessChain, pgRejection } from '../../testing/index.ts';
import { accessRequests } from './access-requests.ts';
import { apps } from './apps.ts';
import { products } from './products.ts';
import { syncRuns } from './sync-runs.ts';
import { users } from './users.ts';

// The CHECKs that encode domain rules, proven on both drivers.
describeDatabases('row invariants', (ctx) => {
  it('requires an organisation for consumers and a SHA-256 token hash for everyone', async () => {
    const user = { role: 'CONSUMER' as const, name: 'Dev', tokenHash: 'b'.repeat(64) };
    expect((await pgRejection(ctx.db.insert(users).values(user))).constraint).toBe(
      'users_consumer_has_organisation',
    );
    expect(
      (await pgRejection(ctx.db.insert(users).values({ ...user, role: 'ADMIN', tokenHash: 'secret' })))
        .constraint,
    ).toBe('users_token_hash_sha256');
  });

  it("keeps an app in its owner's organisation", async () => {
    const chain = await insertTestAccessChain(ctx.db);
    const other = await insertTestAccessChain(ctx.db);
    const app = { ownerId: chain.consumer.id, organisationId: other.organisation.id, name: 'stray' };
    expect((await pgRejection(ctx.db.insert(apps).values(app))).constraint).toBe(
      'apps_owner_in_organisation_fk',
    );
  });

  it('accepts certificate mode and binding only for AUTH_TOKEN_MTLS products', async () => {
    const { provider } = await insertTestAccessChain(ctx.db);
    const base = { providerId: provider.id, name: 'jwt' };
    const jwtWithMode = { ...base, authType: 'JWT_MTLS' as const, certificateMode: 'MANAGED' as const };
    expect((await pgRejection(ctx.db.insert(products).values(jwtWithMode))).constraint).toBe(
      'products_certificate_mode_only_for_auth_token_mtls',
    );
    const jwtBound = { ...base, authType: 'JWT_MTLS' as const, bindCertificateToToken: true };
    expect((await pgRejection(ctx.db.insert(products).values(jwtBound))).constraint).toBe(
      'products_binding_only_for_auth_token_mtls',
    );
    const tokenWithoutMode = { ...base, authType: 'AUTH_TOKEN_MTLS' as const };
    expect((await pgRejection(ctx.db.insert(products).values(tokenWithoutMode))).code).toBe('23514');
    await ctx.db.insert(products).values({ ...base, authType: 'JWT_MTLS' });
  });

  it('makes a FAILED request name its step and reason, and a rejection its reason', async () => {
    const { accessRequest } = await insertTestAccessChain(ctx.db);
    const update = (set: Partial<typeof accessRequests.$inferInsert>) =>
      ctx.db.update(accessRequests).set(set).where(eq(accessRequests.id, accessRequest.id));

    expect((await pgRejection(update({ status: 'FAILED' }))).constraint).toBe(
      'access_requests_failure_iff_failed',
    );
    expect((await pgRejection(update({ status: 'REJECTED' }))).constraint).toBe(
      'access_requests_rejected_has_reason',
    );
    expect((await pgRejection(update({ status: 'DONE' as never }))).constraint).toBe(
      'access_requests_status_valid',
    );
    await update({ status: 'FAILED', failedStep: 'CREATE_KEY', failureReason: 'Dashboard returned 500' });
    // Leaving FAILED must clear the failure, so a stale reason never shows on a healthy request.
    expect((await pgRejection(update({ status: 'PROVISIONING' }))).constraint).toBe(
      'access_requests_failure_iff_failed',
    );
    await update({ status: 'PROVISIONING', failedStep: null, failureReason: null });
  });

  it('records a finish time exactly for final sync runs and a plan for held ones', async () => {
    const { provider } = await insertTestAccessChain(ctx.db);
    const run = { providerId: provider.id, trigger: 'SCHEDULE' as const };
    expect(
      (await pgRejection(ctx.db.insert(syncRuns).values({ ...run, status: 'SUCCEEDED' }))).constraint,
    ).toBe('sync_runs_finished_when_final');
    expect((await pgRejection(ctx.db.insert(syncRuns).values({ ...run, status: 'HELD' }))).constraint).toBe(
      'sync_runs_held_has_plan',
    );
    await ctx.db.insert(syncRuns).values({ ...run, status: 'HELD', heldPlan: { softDelete: ['x'] } });
    await ctx.db
      .insert(syncRuns)
      .values({ ...run, status: 'SUCCEEDED', finishedAt: new Date(), durationMs: 5 });
  });
});
