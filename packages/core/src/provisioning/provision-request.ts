import { eq } from 'drizzle-orm';
import * as requests from '../access-requests/access-request.repo.ts';
import type { AccessRequest } from '../access-requests/access-request.ts';
import { systemActor } from '../actor.ts';
import type { App } from '../apps/app.service.ts';
import { type AuditEntry, recordAudit } from '../audit/audit.repo.ts';
import { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import type { Db } from '../db/open-database.ts';
import type { ProvisioningStep } from '../db/schema/access-requests.ts';
import { certificates } from '../db/schema/certificates.ts';
import { credentials } from '../db/schema/credentials.ts';
import type { Plan } from '../plans/plan.service.ts';
import type { Product } from '../products/product.ts';
import type { Provider } from '../providers/provider.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { updateAllowList } from './allow-list-writer.ts';
import { keyIdFor, keySession } from './key-session.ts';

export interface ProvisionContext {
  readonly db: Db;
  readonly secrets: SecretBox;
  readonly client: DashboardClient;
  readonly provider: Provider;
  readonly request: AccessRequest;
  readonly app: App;
  readonly product: Product;
  readonly plan: Plan;
  readonly now: Date;
}

/** A step that failed, with a reason safe to show an admin. */
export class StepFailure extends Error {
  constructor(
    readonly step: ProvisioningStep,
    message: string,
  ) {
    super(message);
  }
}

const actor = systemActor('provisioning');

/**
 * Runs every step of architecture.md §3 "Approval". Each step is idempotent (ids are compared, the
 * key id is derived from the request, the credential is one per request), so a retry after a
 * failure at any step repeats none of its effects twice. Throws `StepFailure`.
 */
export async function provisionRequest(ctx: ProvisionContext): Promise<void> {
  const mtls = ctx.product.authType === 'AUTH_TOKEN_MTLS';
  const certs = mtls ? await step('RESOLVE_CERTIFICATES', () => resolveCertificates(ctx)) : [];
  if (mtls) await step('UPDATE_ALLOW_LISTS', () => addToAllowLists(ctx, certs));
  // JWT products: the token is the consumer's own JWT and the allow list is the Dashboard's.
  const usesKeys = ctx.product.authType === 'AUTH_TOKEN_MTLS' || ctx.product.authType === 'AUTH_TOKEN';
  const key = usesKeys ? await step('CREATE_KEY', () => writeKey(ctx, certs)) : undefined;
  await step('STORE_CREDENTIAL', () => storeCredential(ctx, key));
}

async function step<T>(name: ProvisioningStep, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StepFailure) throw error;
    const message =
      error instanceof DashboardError
        ? `${error.code}: ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
    throw new StepFailure(name, message);
  }
}

type Resolved = { id: string; tykId: string };

async function resolveCertificates(ctx: ProvisionContext): Promise<Resolved[]> {
  const { db, request, product } = ctx;
  let certs: Resolved[];
  if (product.certificateMode === 'SELF_SERVE') {
    if (!request.certificateId)
      throw new StepFailure('RESOLVE_CERTIFICATES', 'The Self-Serve request has no certificate.');
    certs = [await registerSelfServe(ctx, request.certificateId)];
  } else {
    certs = await requests.organisationCertificates(db, product.providerId, ctx.app.organisationId);
    if (certs.length === 0)
      throw new StepFailure(
        'RESOLVE_CERTIFICATES',
        "The organisation has no active certificate on this product's provider.",
      );
  }
  await requests.replaceProvisionedCertificates(
    db,
    request.id,
    certs.map((c) => c.id),
  );
  return certs;
}

/** Registers the consumer's certificate with the Dashboard (if not yet) and drops its kept PEM. */
async function registerSelfServe(ctx: ProvisionContext, certificateId: string): Promise<Resolved> {
  const [row] = await ctx.db.select().from(certificates).where(eq(certificates.id, certificateId));
  if (!row) throw new StepFailure('RESOLVE_CERTIFICATES', "The request's certificate no longer exists.");
  if (row.registeredAt && !row.deletedAt) return { id: row.id, tykId: row.tykId };
  if (!row.pem)
    throw new StepFailure(
      'RESOLVE_CERTIFICATES',
      'The certificate is gone from the Dashboard and its PEM is not kept; ask for a new request.',
    );
  const added = await ctx.client.uploadCertificate(row.pem);
  if (added.id !== row.tykId)
    throw new StepFailure(
      'RESOLVE_CERTIFICATES',
      `The Dashboard registered the certificate as ${added.id}, expected ${row.tykId}.`,
    );
  await ctx.db
    .update(certificates)
    .set({ registeredAt: ctx.now, deletedAt: null, pem: null })
    .where(eq(certificates.id, row.id));
  await recordAudit(ctx.db, actor, [
    {
      action: 'certificate.register',
      subjectType: 'certificate',
      subjectId: row.id,
      after: { tykId: row.tykId, accessRequestId: ctx.request.id },
    },
  ]);
  return { id: row.id, tykId: row.tykId };
}

async function addToAllowLists(ctx: ProvisionContext, certs: Resolved[]): Promise<void> {
  const audit: AuditEntry[] = [];
  for (const api of ctx.product.apis) {
    const { added } = await updateAllowList(ctx.db, ctx.client, ctx.provider.id, api, {
      add: certs.map((c) => c.tykId),
    });
    if (added.length > 0)
      audit.push({
        action: 'allow_list.add',
        subjectType: 'api',
        subjectId: api.apiId,
        after: { certificateIds: added, accessRequestId: ctx.request.id },
      });
  }
  await recordAudit(ctx.db, actor, audit);
}

async function writeKey(ctx: ProvisionContext, certs: Resolved[]) {
  const keyId = keyIdFor(ctx.secrets, ctx.request.id);
  const session = keySession({
    orgId: ctx.provider.orgId,
    product: ctx.product,
    plan: ctx.plan,
    certificateTykIds: certs.map((c) => c.tykId),
    accessRequestId: ctx.request.id,
    appId: ctx.app.id,
    now: ctx.now,
  });
  let exists = true;
  try {
    await ctx.client.getKey(keyId);
  } catch (error) {
    if (!(error instanceof DashboardError && error.code === 'DASHBOARD_NOT_FOUND')) throw error;
    exists = false;
  }
  const data = exists
    ? await ctx.client.updateKey(keyId, session)
    : await ctx.client.createKey(session, keyId);
  await recordAudit(ctx.db, actor, [
    {
      action: exists ? 'key.update' : 'key.create',
      subjectType: 'access_request',
      subjectId: ctx.request.id,
      after: { keyId, bindings: session.mtls_static_certificate_bindings },
    },
  ]);
  return { keyId, token: data.key_id, keyHash: data.key_hash ?? null, expires: session.expires ?? 0 };
}

async function storeCredential(
  ctx: ProvisionContext,
  key: Awaited<ReturnType<typeof writeKey>> | undefined,
): Promise<void> {
  if (!key) return;
  const expiresAt = key.expires > 0 ? new Date(key.expires * 1000) : null;
  const live = await requests.liveCredential(ctx.db, ctx.request.id);
  if (live) {
    await ctx.db
      .update(credentials)
      .set({ keyHash: key.keyHash, expiresAt })
      .where(eq(credentials.id, live.id));
    return;
  }
  await ctx.db.insert(credentials).values({
    accessRequestId: ctx.request.id,
    dashboardKeyId: key.keyId,
    keyHash: key.keyHash,
    tokenCiphertext: ctx.secrets.seal(key.token),
    expiresAt,
  });
}
