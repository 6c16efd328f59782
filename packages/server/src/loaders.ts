import {
  type AccessRequest,
  type Actor,
  type App,
  type AuditEvent,
  type Certificate,
  type Core,
  type Credential,
  isAdmin,
  type Organisation,
  type Plan,
  type Product,
  type Provider,
  type SyncRun,
  type User,
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
  /** Ids of the organisations a certificate is associated with (all of them; callers filter). */
  readonly certificateOrganisationIds: DataLoader<string, readonly string[]>;
  readonly syncRuns: DataLoader<string, SyncRun | null>;
  readonly auditEvents: DataLoader<string, AuditEvent | null>;
  readonly products: DataLoader<string, Product | null>;
  readonly plans: DataLoader<string, Plan | null>;
  readonly apps: DataLoader<string, App | null>;
  readonly accessRequests: DataLoader<string, AccessRequest | null>;
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
  const admin = actor !== undefined && isAdmin(actor);
  return {
    providers: new DataLoader(async (ids) =>
      admin ? inOrder(ids, await core.providers.byIds(ids)) : none(ids),
    ),
    organisations: new DataLoader(async (ids) =>
      actor ? inOrder(ids, await core.organisations.byIds(ids, actor)) : none(ids),
    ),
    users: new DataLoader(async (ids) =>
      actor ? inOrder(ids, await core.users.byIds(ids, actor)) : none(ids),
    ),
    certificates: new DataLoader(async (ids) =>
      actor ? inOrder(ids, await core.certificates.byIds(ids, actor)) : none(ids),
    ),
    certificateOrganisationIds: new DataLoader(async (ids) =>
      (await core.certificates.organisationsOf(ids)).map((list) => list.map((o) => o.id)),
    ),
    syncRuns: new DataLoader(async (ids) => (admin ? inOrder(ids, await core.sync.byIds(ids)) : none(ids))),
    auditEvents: new DataLoader(async (ids) =>
      admin ? inOrder(ids, await core.audit.byIds(ids, actor)) : none(ids),
    ),
    // Products and plans are the catalogue: every authenticated caller sees them.
    products: new DataLoader(async (ids) =>
      actor ? inOrder(ids, await core.products.byIds(ids)) : none(ids),
    ),
    plans: new DataLoader(async (ids) => (actor ? inOrder(ids, await core.plans.byIds(ids)) : none(ids))),
    apps: new DataLoader(async (ids) =>
      actor ? inOrder(ids, await core.apps.byIds(ids, actor)) : none(ids),
    ),
    accessRequests: new DataLoader(async (ids) =>
      actor ? inOrder(ids, await core.accessRequests.byIds(ids, actor)) : none(ids),
    ),
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
