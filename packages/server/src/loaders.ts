import type {
  AccessRequest,
  Actor,
  App,
  AuditEvent,
  Certificate,
  Core,
  Credential,
  Organisation,
  Plan,
  Product,
  Provider,
  Rotation,
  SyncRun,
  User,
  WebhookDelivery,
} from '@repo/core';
import DataLoader from 'dataloader';

/**
 * Per-request batch loaders over core's `byIds` methods: a page of N objects that each refer to
 * another costs one statement per kind of reference, not N. Every loader applies the caller's
 * visibility, so whatever reaches an object through a loader (`node(id:)` included) sees null for
 * what the caller may not see.
 */
export interface Loaders {
  readonly providers: DataLoader<string, Provider | null>;
  readonly organisations: DataLoader<string, Organisation | null>;
  readonly users: DataLoader<string, User | null>;
  readonly certificates: DataLoader<string, Certificate | null>;
  /** The public PEM a certificate came with; null where none is kept or the caller may not see it. */
  readonly certificatePems: DataLoader<string, string | null>;
  /** Ids of the organisations a certificate is associated with (all of them; callers filter). */
  readonly certificateOrganisationIds: DataLoader<string, readonly string[]>;
  readonly syncRuns: DataLoader<string, SyncRun | null>;
  readonly auditEvents: DataLoader<string, AuditEvent | null>;
  readonly products: DataLoader<string, Product | null>;
  readonly plans: DataLoader<string, Plan | null>;
  readonly apps: DataLoader<string, App | null>;
  readonly accessRequests: DataLoader<string, AccessRequest | null>;
  readonly rotations: DataLoader<string, Rotation | null>;
  readonly webhookDeliveries: DataLoader<string, WebhookDelivery | null>;
  /** The credentials of an access request, oldest first (the token only for its organisation). */
  readonly credentials: DataLoader<string, readonly Credential[]>;
}

function inOrder<T extends { readonly id: string }>(
  ids: readonly string[],
  rows: readonly T[],
): (T | null)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

const none = (ids: readonly string[]) => ids.map(() => null);

export function createLoaders(core: Core, actor: Actor | undefined): Loaders {
  // Core's byIds applies the actor's visibility (role and organisation); no actor sees nothing.
  const visible = <T extends { readonly id: string }>(
    byIds: (ids: readonly string[], actor: Actor) => Promise<readonly T[]>,
  ) =>
    new DataLoader<string, T | null>(async (ids) =>
      actor ? inOrder(ids, await byIds(ids, actor)) : none(ids),
    );
  return {
    providers: visible((ids, a) => core.providers.byIds(ids, a)),
    organisations: visible((ids, a) => core.organisations.byIds(ids, a)),
    users: visible((ids, a) => core.users.byIds(ids, a)),
    certificates: visible((ids, a) => core.certificates.byIds(ids, a)),
    certificatePems: new DataLoader(async (ids) =>
      actor
        ? inOrder(ids, await core.certificates.pems(ids, actor)).map((row) => row?.pem ?? null)
        : none(ids),
    ),
    certificateOrganisationIds: new DataLoader(async (ids) =>
      (await core.certificates.organisationsOf(ids)).map((list) => list.map((o) => o.id)),
    ),
    syncRuns: visible((ids, a) => core.sync.byIds(ids, a)),
    auditEvents: visible((ids, a) => core.audit.byIds(ids, a)),
    products: visible((ids, a) => core.products.byIds(ids, a)),
    plans: visible((ids, a) => core.plans.byIds(ids, a)),
    apps: visible((ids, a) => core.apps.byIds(ids, a)),
    accessRequests: visible((ids, a) => core.accessRequests.byIds(ids, a)),
    rotations: visible((ids, a) => core.certificates.rotationsByIds(ids, a)),
    webhookDeliveries: visible((ids, a) => core.webhooks.deliveriesByIds(ids, a)),
    credentials: new DataLoader(async (ids) => {
      const rows = actor ? await core.accessRequests.credentials(ids, actor) : [];
      return ids.map((id) => rows.filter((row) => row.accessRequestId === id));
    }),
  };
}

/** What Pothos' `loadMany` expects: one entry per id, in order, null for the invisible. */
export function loadAll<T>(
  loader: DataLoader<string, T | null>,
  ids: readonly string[],
): Promise<(T | null)[]> {
  return Promise.all(ids.map((id) => loader.load(id)));
}
