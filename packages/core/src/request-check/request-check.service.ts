import type { Actor } from '../actor.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import type { CoreDeps } from '../deps.ts';
import { ForbiddenError, type InvalidInputError, NotFoundError } from '../errors.ts';
import type { ProductService } from '../products/product.service.ts';
import type { ProviderService } from '../providers/provider.service.ts';
import { Err, Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import type { CertificateInfo } from '../x509/certificate-info.ts';
import { parseCertificatePem } from '../x509/parse.ts';
import type { X509Error } from '../x509/x509.errors.ts';
import {
  type AccessRequestCheck,
  type AccessRequestCheckInput,
  accessRequestCheckInput,
  CREDENTIAL_KEY_LABEL,
  requestUnderCheck,
} from './access-request-check.ts';
import { certificateIdsOf, readAllowList, resolveAllowList } from './allow-list-entries.ts';
import { type ApiView, loadApiView } from './api-view.ts';
import { type CertificateFacts, certificateChecks } from './certificate-checks.ts';
import { certificateWarnings } from './certificate-warnings.ts';
import { verifyJwt } from './jwt-check.ts';
import { assembleVerdict } from './report.ts';
import * as repo from './request-check.repo.ts';
import {
  type CheckedCertificate,
  type RequestCheckInput,
  type RequestCheckReport,
  requestCheckInput,
} from './request-check.ts';
import { stripBearer } from './session-rules.ts';
import { decideAgainstStore } from './store-decision.ts';
import * as token from './token-checks.ts';

export type RequestCheckError =
  | InvalidInputError
  | ForbiddenError
  | X509Error
  | NotFoundError
  | DashboardError;

/**
 * "Would this request pass?": the Gateway's decision for one API, a presented chain and a token,
 * taken against the Dashboard's current state, check by check in Tyk's order (`REQUEST_CHECKS`
 * in `./request-check.ts`).
 */
export class RequestCheckService {
  readonly #deps: CoreDeps;
  readonly #providers: ProviderService;
  readonly #products: ProductService;

  constructor(deps: CoreDeps, providers: ProviderService, products: ProductService) {
    this.#deps = deps;
    this.#providers = providers;
    this.#products = products;
  }

  /**
   * Runs every check in the Gateway's order and reports each one, the first failure with the
   * Gateway's status and `{"error"}` text, and whether the request would pass. Reads the API
   * definition, the key (`GET /api/keys/{token}`; 404 = unknown token) and, for the row that
   * decides the allow list, its store entry; plus one query for the portal's records of the
   * listed ids. Changes nothing. Admins (and the system) only, for now.
   * Errors: INVALID_INPUT, FORBIDDEN, the X509Error codes of the PEM (PEM_PRIVATE_KEY, … — then
   * nothing else is read), NOT_FOUND (provider or API), DASHBOARD_*.
   */
  async explain(
    input: RequestCheckInput,
    actor: Actor,
  ): Promise<Result<RequestCheckReport, RequestCheckError>> {
    // Consumers need scoping to their organisation's products before they may ask about an API.
    if (actor.kind === 'CONSUMER') return Err(new ForbiddenError('Only admins run the request check.'));
    const parsed = parseInput(requestCheckInput, input);
    if (!parsed.ok) return parsed;
    const { providerId, apiId, pem } = parsed.value;
    const chain = parseCertificatePem(pem);
    if (!chain.ok) return chain;
    const client = await this.#providers.client(providerId);
    if (!client) return Err(new NotFoundError('provider', providerId, ['providerId']));
    const api = await loadApiView(client, apiId);
    if (!api.ok) return api;
    if (!api.value) return Err(new NotFoundError('API', apiId, ['apiId']));
    const presented = [chain.value.leaf, ...chain.value.chain];
    return this.#check(client, providerId, api.value, presented, headerToken(parsed.value.token));
  }

  /**
   * The request check of an access request, which a consumer may run on its organisation's own:
   * every API of the request's product, with the token of the request's live credential (none when
   * it has none), against the chain the client presents. The caller never sends or sees a token:
   * reports name the key by what it is (`CREDENTIAL_KEY_LABEL`), not by its id. For a consumer,
   * allow-list rows that are not about its chain are counted, not named (they may be another
   * organisation's CAs).
   * Errors: INVALID_INPUT, the X509Error codes of the PEM (then nothing else is read), NOT_FOUND
   * (a request the actor may not see, or its provider), DASHBOARD_*.
   */
  async explainAccessRequest(
    input: AccessRequestCheckInput,
    actor: Actor,
  ): Promise<Result<AccessRequestCheck, RequestCheckError>> {
    const parsed = parseInput(accessRequestCheckInput, input);
    if (!parsed.ok) return parsed;
    const chain = parseCertificatePem(parsed.value.pem);
    if (!chain.ok) return chain;
    const found = await requestUnderCheck(
      this.#deps.db,
      this.#deps.secrets,
      this.#products,
      parsed.value.accessRequestId,
      actor,
    );
    if (!found.ok) return found;
    const { request, product, token } = found.value;
    const client = await this.#providers.client(product.providerId);
    if (!client) return Err(new NotFoundError('provider', product.providerId));
    const presented = [chain.value.leaf, ...chain.value.chain];
    const apis = [];
    // One API after another: a product's APIs are few, and the Dashboard is not hit all at once.
    for (const productApi of product.apis) {
      const api = await loadApiView(client, productApi.apiId);
      if (!api.ok) return api;
      if (!api.value) {
        apis.push({ api: productApi, report: null });
        continue;
      }
      const report = await this.#check(client, product.providerId, api.value, presented, token, {
        keyLabel: CREDENTIAL_KEY_LABEL,
        countOnly: actor.kind === 'CONSUMER',
      });
      if (!report.ok) return report;
      apis.push({ api: productApi, report: report.value });
    }
    return Ok({
      accessRequestId: request.id,
      productId: product.id,
      providerId: product.providerId,
      credential: token === undefined ? 'NONE' : 'SENT',
      apis,
      wouldPass: apis.every((a) => a.report?.wouldPass === true),
    });
  }

  async #check(
    client: DashboardClient,
    providerId: string,
    api: ApiView,
    presented: readonly CertificateInfo[],
    sent: string | undefined,
    options: { readonly keyLabel?: string; readonly countOnly?: boolean } = {},
  ): Promise<Result<RequestCheckReport, DashboardError>> {
    const now = this.#deps.clock?.() ?? new Date();
    const leaf = presented[0]!;
    const rows = api.staticMutualTls ? readAllowList(api.allowList) : [];
    const [portal, looked] = await Promise.all([
      repo.portalViewOf(this.#deps.db, providerId, certificateIdsOf(rows)),
      api.auth === 'AUTH_TOKEN' && sent !== undefined ? lookupKey(client, sent) : Ok(notLookedUp),
    ]);
    if (!looked.ok) return looked;
    const key = options.keyLabel ? labelled(looked.value, options.keyLabel) : looked.value;
    let certificateFacts: CertificateFacts | undefined;
    if (api.staticMutualTls) {
      const { entries, ...allowList } = resolveAllowList(rows, presented, portal);
      const store = await decideAgainstStore(client, entries, presented, now);
      if (!store.ok) return store;
      certificateFacts = { api, presented, allowList, store: store.value, countOnly: options.countOnly };
    }
    const jwt = api.auth === 'JWT' && sent !== undefined ? verifyJwt(sent, api.jwt, now) : undefined;
    const facts: token.TokenFacts = { api, leaf, token: sent, key, jwt, now };
    const verdict = assembleVerdict({
      ...certificateChecks(certificateFacts),
      TOKEN_PRESENT: token.tokenPresentCheck(facts),
      TOKEN_KNOWN: token.tokenKnownCheck(facts),
      JWT_VALID: token.jwtValidCheck(facts),
      CERTIFICATE_BINDING: token.bindingCheck(facts),
      KEY_ACTIVE: token.keyActiveCheck(facts),
      KEY_NOT_EXPIRED: token.keyNotExpiredCheck(facts),
      ACCESS_RIGHTS: token.accessRightsCheck(facts),
      QUOTA: token.quotaCheck(facts),
    });
    const { allowList, jwt: _jwt, ...summary } = api;
    return Ok({
      providerId,
      api: { ...summary, allowListEntries: allowList.length },
      certificate: describeLeaf(api, presented),
      checkedAt: now,
      ...verdict,
      warnings: certificateWarnings(certificateFacts),
    });
  }
}

function describeLeaf(api: ApiView, presented: readonly CertificateInfo[]): CheckedCertificate {
  const leaf = presented[0]!;
  return {
    sha256: leaf.fingerprints.sha256,
    tykId: api.orgId + leaf.fingerprints.sha256,
    subject: leaf.subject.dn,
    issuer: leaf.issuer.dn,
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    chainLength: presented.length,
  };
}

const notLookedUp: token.KeyLookup = { state: 'NOT_LOOKED_UP' };

/** The lookup with the key named by `label` instead of its id, which may be the token itself. */
function labelled(key: token.KeyLookup, label: string): token.KeyLookup {
  return key.state === 'NOT_LOOKED_UP' ? key : { ...key, keyId: label };
}

/** The Authorization value as the Gateway reads it: empty is absent, a `Bearer ` prefix is dropped. */
function headerToken(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  return stripBearer(value);
}

async function lookupKey(
  client: DashboardClient,
  keyId: string,
): Promise<Result<token.KeyLookup, DashboardError>> {
  if (keyId === '') return Ok({ state: 'UNKNOWN', keyId });
  const key = await client.getKey({ id: keyId });
  if (key.ok) return Ok({ state: 'FOUND', keyId: key.value.key_id, session: key.value.data });
  return key.error.code === 'DASHBOARD_NOT_FOUND' ? Ok({ state: 'UNKNOWN', keyId }) : key;
}
