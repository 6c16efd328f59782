import { z } from 'zod';
import * as requests from '../access-requests/access-request.repo.ts';
import type { AccessRequest } from '../access-requests/access-request.ts';
import { type Actor, organisationScope } from '../actor.ts';
import type { Db } from '../db/open-database.ts';
import { NotFoundError } from '../errors.ts';
import type { ProductService } from '../products/product.service.ts';
import type { Product, ProductApi } from '../products/product.ts';
import { Err, Ok, type Result } from '../result.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { RequestCheckReport } from './request-check.ts';

/*
 * The request check a consumer may run on its own access: which request, which APIs and which
 * token are decided here, from what the portal holds, so the caller names only the request and
 * the chain its client presents. Never a token, never a Tyk API id.
 */

export const accessRequestCheckInput = z.object({
  accessRequestId: z.string().min(1, 'is required'),
  /** The chain the client presents, leaf first. */
  pem: z.string(),
});
export type AccessRequestCheckInput = z.input<typeof accessRequestCheckInput>;

/**
 * SENT: the request's live credential is sent as the token, as its client would send it.
 * NONE: the request has no live credential (not approved yet, revoked, failed): no token is sent,
 * so the token checks fail as they would for a client without one.
 */
export type CheckedCredential = 'SENT' | 'NONE';

/** One API of the product and the Gateway's decision for it. */
export interface AccessRequestApiCheck {
  readonly api: ProductApi;
  /** Null when the Dashboard has no such API any more: every request to it fails. */
  readonly report: RequestCheckReport | null;
}

export interface AccessRequestCheck {
  readonly accessRequestId: string;
  readonly productId: string;
  readonly providerId: string;
  readonly credential: CheckedCredential;
  /** Every API of the product, in the product's order. */
  readonly apis: readonly AccessRequestApiCheck[];
  /** Every API would answer the request with 200. */
  readonly wouldPass: boolean;
}

/** What the check runs with: the request, its product and the token its client sends. */
export interface RequestUnderCheck {
  readonly request: AccessRequest;
  readonly product: Product;
  /** The live credential's token, kept in core: no report carries it. */
  readonly token: string | undefined;
}

/** How the request's key is named in a report: by what it is, not by its id (which is the token). */
export const CREDENTIAL_KEY_LABEL = "of the request's credential";

/**
 * The request as the actor may see it (a consumer: its organisation's only; any other id is the
 * same NOT_FOUND as an unknown one), its product, and the token of its live credential.
 */
export async function requestUnderCheck(
  db: Db,
  secrets: SecretBox,
  products: ProductService,
  accessRequestId: string,
  actor: Actor,
): Promise<Result<RequestUnderCheck, NotFoundError>> {
  const [request] = await requests.requestsByIds(db, [accessRequestId], organisationScope(actor));
  const product = request && (await products.get(request.productId));
  if (!request || !product)
    return Err(new NotFoundError('access request', accessRequestId, ['accessRequestId']));
  const credential = await requests.liveCredential(db, request.id);
  return Ok({ request, product, token: credential && secrets.open(credential.tokenCiphertext) });
}
