import { type Actor, isAdmin } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import { DashboardClient } from '../dashboard/dashboard-client.ts';
import { isUniqueViolation } from '../db/pg-error.ts';
import type { CoreDeps } from '../deps.ts';
import { ForbiddenError, type InvalidInputError, NotFoundError } from '../errors.ts';
import { type KeysetConnection, type KeysetPage, keysetConnection, parseKeysetPage } from '../keyset-page.ts';
import { Err, Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import { ProviderInUseError, ProviderNameTakenError } from './provider.errors.ts';
import * as repo from './provider.repo.ts';
import {
  type Provider,
  type ProviderInput,
  type ProviderPatch,
  providerInput,
  providerPatch,
} from './provider.ts';

export interface ConnectionCheck {
  readonly ok: true;
  /** Pages of certificates the Dashboard reports (page size is the Dashboard's, 10 by default). */
  readonly certificatePages: number;
  readonly latencyMs: number;
}

/** Tyk Dashboards the portal works with. The API key goes in sealed and never comes out. */
export class ProviderService {
  readonly #deps: CoreDeps;

  constructor(deps: CoreDeps) {
    this.#deps = deps;
  }

  get(id: string): Promise<Provider | undefined> {
    return repo.findProvider(this.#deps.db, id);
  }

  /** Every provider, by name: for the scheduler and start-up, which work through all of them. */
  all(): Promise<Provider[]> {
    return repo.listProviders(this.#deps.db);
  }

  /**
   * One page of providers by name (then id), read in one statement with a keyset cursor. Admins
   * only. Errors: FORBIDDEN, INVALID_INPUT (`first`, or an `after` this listing did not make).
   */
  async list(
    page: KeysetPage,
    actor: Actor,
  ): Promise<Result<KeysetConnection<Provider>, ForbiddenError | InvalidInputError>> {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins list providers.'));
    const p = parseKeysetPage('providers', page);
    if (!p.ok) return p;
    const rows = await repo.pageProviders(this.#deps.db, { after: p.value.after, limit: p.value.first + 1 });
    return Ok(
      keysetConnection('providers', rows, p.value.first, (node) => ({
        position: { key: node.name, id: node.id },
        node,
      })),
    );
  }

  /** Batch load for GraphQL (one statement for any number of ids): admins only, none for consumers. */
  async byIds(ids: readonly string[], actor: Actor): Promise<Provider[]> {
    if (!isAdmin(actor)) return [];
    return repo.providersByIds(this.#deps.db, ids);
  }

  /** Errors: INVALID_INPUT, PROVIDER_NAME_TAKEN. */
  async create(
    input: ProviderInput,
    actor: Actor,
  ): Promise<Result<Provider, InvalidInputError | ProviderNameTakenError>> {
    const parsed = parseInput(providerInput, input);
    if (!parsed.ok) return parsed;
    const { apiKey, ...fields } = parsed.value;
    try {
      const provider = await this.#deps.db.transaction(async (tx) => {
        const created = await repo.insertProvider(tx, {
          ...fields,
          apiKeyCiphertext: this.#deps.secrets.seal(apiKey),
        });
        await recordAudit(tx, actor, [
          {
            action: 'provider.create',
            subjectType: 'provider',
            subjectId: created.id,
            after: auditView(created),
          },
        ]);
        return created;
      });
      return Ok(provider);
    } catch (error) {
      if (isUniqueViolation(error)) return Err(new ProviderNameTakenError(fields.name));
      throw error;
    }
  }

  /** Errors: INVALID_INPUT, NOT_FOUND, PROVIDER_NAME_TAKEN. A new `apiKey` replaces the sealed one. */
  async update(
    id: string,
    patch: ProviderPatch,
    actor: Actor,
  ): Promise<Result<Provider, InvalidInputError | NotFoundError | ProviderNameTakenError>> {
    const parsed = parseInput(providerPatch, patch);
    if (!parsed.ok) return parsed;
    const { apiKey, ...fields } = parsed.value;
    const before = await repo.findProvider(this.#deps.db, id);
    if (!before) return Err(new NotFoundError('provider', id));
    try {
      const after = await this.#deps.db.transaction(async (tx) => {
        const values =
          apiKey === undefined ? fields : { ...fields, apiKeyCiphertext: this.#deps.secrets.seal(apiKey) };
        const updated = (await repo.updateProviderRow(tx, id, values))!;
        const changes = { ...auditView(updated), ...(apiKey === undefined ? {} : { apiKey: 'replaced' }) };
        await recordAudit(tx, actor, [
          {
            action: 'provider.update',
            subjectType: 'provider',
            subjectId: id,
            before: auditView(before),
            after: changes,
          },
        ]);
        return updated;
      });
      return Ok(after);
    } catch (error) {
      if (isUniqueViolation(error)) return Err(new ProviderNameTakenError(fields.name ?? before.name));
      throw error;
    }
  }

  /** Errors: NOT_FOUND, PROVIDER_IN_USE (certificates or products still refer to it). */
  async remove(id: string, actor: Actor): Promise<Result<Provider, NotFoundError | ProviderInUseError>> {
    const provider = await repo.findProvider(this.#deps.db, id);
    if (!provider) return Err(new NotFoundError('provider', id));
    const usage = await repo.providerUsage(this.#deps.db, id);
    if (usage.certificates > 0 || usage.products > 0) return Err(new ProviderInUseError(usage));
    await this.#deps.db.transaction(async (tx) => {
      await repo.deleteProviderRow(tx, id);
      await recordAudit(tx, actor, [
        { action: 'provider.remove', subjectType: 'provider', subjectId: id, before: auditView(provider) },
      ]);
    });
    return Ok(provider);
  }

  /** Reads the first page of certificates. Errors: NOT_FOUND, or the Dashboard's failure. */
  async testConnection(id: string): Promise<Result<ConnectionCheck, NotFoundError | DashboardError>> {
    const client = await this.client(id);
    if (!client) return Err(new NotFoundError('provider', id));
    const started = performance.now();
    const page = await client.listCertificatePage(1);
    if (!page.ok) return page;
    return Ok({
      ok: true,
      certificatePages: page.value.pages,
      latencyMs: Math.round(performance.now() - started),
    });
  }

  /** A client for the provider's Dashboard, for other services of core; undefined for an unknown id. */
  async client(id: string): Promise<DashboardClient | undefined> {
    const row = await repo.findProviderRow(this.#deps.db, id);
    if (!row) return undefined;
    return new DashboardClient({
      baseUrl: row.dashboardUrl,
      apiKey: this.#deps.secrets.open(row.apiKeyCiphertext),
      timeoutMs: row.requestTimeoutMs,
      ...this.#deps.dashboard,
    });
  }
}

function auditView(p: Provider): Record<string, unknown> {
  return {
    name: p.name,
    dashboardUrl: p.dashboardUrl,
    orgId: p.orgId,
    gatewayUrl: p.gatewayUrl,
    requestTimeoutMs: p.requestTimeoutMs,
  };
}
