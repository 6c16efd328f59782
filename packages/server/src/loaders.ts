import {
  type Actor,
  type Certificate,
  type Core,
  isAdmin,
  type Organisation,
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
  const certificateOrganisationIds = new DataLoader<string, readonly string[]>(async (ids) =>
    (await core.certificates.organisationsOf(ids)).map((list) => list.map((o) => o.id)),
  );
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
    certificates: new DataLoader(async (ids) => {
      if (!actor) return none(ids);
      const rows = await core.certificates.byIds(ids);
      if (actor.kind !== 'CONSUMER') return inOrder(ids, rows);
      // A consumer sees the certificates associated with its organisation, and no others.
      const links = await core.certificates.organisationsOf(rows.map((row) => row.id));
      for (const [i, row] of rows.entries()) {
        certificateOrganisationIds.prime(
          row.id,
          links[i]!.map((o) => o.id),
        );
      }
      return inOrder(
        ids,
        rows.filter((_, i) => links[i]!.some((o) => o.id === actor.organisationId)),
      );
    }),
    certificateOrganisationIds,
    // Core has no batch read of sync runs yet: one statement per id (node lookups and events only).
    syncRuns: new DataLoader(async (ids) =>
      admin ? Promise.all(ids.map(async (id) => (await core.sync.get(id)) ?? null)) : none(ids),
    ),
  };
}

/** What Pothos' `loadMany` expects: one entry per id, in order, null for the invisible. */
export function loadAll<T>(
  loader: DataLoader<string, T | null>,
  ids: readonly string[],
): Promise<(T | null)[]> {
  return Promise.all(ids.map((id) => loader.load(id)));
}
