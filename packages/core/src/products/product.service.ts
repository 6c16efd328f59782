import { type Actor, isAdmin } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { apiKindOf } from '../dashboard/api-allow-list.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import { isUniqueViolation } from '../db/pg-error.ts';
import type { ProductAuthType } from '../db/schema/products.ts';
import type { CoreDeps } from '../deps.ts';
import { ForbiddenError, type InvalidInputError, NotFoundError } from '../errors.ts';
import type { ProviderService } from '../providers/provider.service.ts';
import { Err, Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import {
  ProductApiNotFoundError,
  ProductAuthTypeMixedError,
  ProductNameTakenError,
  ProductOptionNotApplicableError,
} from './product.errors.ts';
import * as repo from './product.repo.ts';
import {
  BINDING_CHANGE_WARNING,
  MODE_CHANGE_WARNING,
  type Product,
  type ProductApi,
  type ProductInput,
  type ProductPatch,
  productInput,
  productPatch,
} from './product.ts';
import { apiAuthType, supportsCertificateOptions } from './product-auth-type.ts';

type CreateError =
  | ForbiddenError
  | InvalidInputError
  | NotFoundError
  | DashboardError
  | ProductApiNotFoundError
  | ProductAuthTypeMixedError
  | ProductOptionNotApplicableError
  | ProductNameTakenError;

/** API products: Dashboard APIs of one provider sold together, with their certificate options. */
export class ProductService {
  readonly #deps: CoreDeps;
  readonly #providers: ProviderService;

  constructor(deps: CoreDeps, providers: ProviderService) {
    this.#deps = deps;
    this.#providers = providers;
  }

  /**
   * Reads each API's definition from the Dashboard to derive the product's auth type (all must
   * agree). Mode and binding are accepted only for AUTH_TOKEN_MTLS; its mode defaults to SELF_SERVE,
   * as in Tyk's portal. Errors: FORBIDDEN, INVALID_INPUT, NOT_FOUND (provider), PRODUCT_API_NOT_FOUND,
   * PRODUCT_AUTH_TYPE_MIXED, PRODUCT_OPTION_NOT_APPLICABLE, PRODUCT_NAME_TAKEN, or the Dashboard's error.
   */
  async create(input: ProductInput, actor: Actor): Promise<Result<Product, CreateError>> {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins manage products.'));
    const parsed = parseInput(productInput, input);
    if (!parsed.ok) return parsed;
    const { providerId, apiIds, certificateMode, bindCertificateToToken, ...fields } = parsed.value;
    const client = await this.#providers.client(providerId);
    if (!client) return Err(new NotFoundError('provider', providerId, ['providerId']));
    const read = await readApis(client, [...new Set(apiIds)]);
    if (!read.ok) return read;
    const { authType, apis } = read.value;
    const options = checkOptions(authType, certificateMode, bindCertificateToToken);
    if (!options.ok) return options;
    try {
      const id = await this.#deps.db.transaction(async (tx) => {
        const values = { ...fields, providerId, authType, ...options.value };
        const created = await repo.insertProduct(tx, values, apis);
        await recordAudit(tx, actor, [
          {
            action: 'product.create',
            subjectType: 'product',
            subjectId: created,
            after: { ...values, apiIds: apis.map((a) => a.apiId) },
          },
        ]);
        return created;
      });
      return Ok((await repo.productsByIds(this.#deps.db, [id]))[0]!);
    } catch (error) {
      if (isUniqueViolation(error))
        return Err(
          new ProductNameTakenError(`The provider already has a product named "${fields.name}".`, {
            path: ['name'],
          }),
        );
      throw error;
    }
  }

  /**
   * Changes name, description, mode or binding. A mode or binding change on a product with approved
   * access succeeds with Tyk's warning. Errors: FORBIDDEN, INVALID_INPUT, NOT_FOUND, PRODUCT_OPTION_NOT_APPLICABLE.
   */
  async update(
    id: string,
    patch: ProductPatch,
    actor: Actor,
  ): Promise<
    Result<
      { product: Product; warnings: string[] },
      | ForbiddenError
      | InvalidInputError
      | NotFoundError
      | ProductOptionNotApplicableError
      | ProductNameTakenError
    >
  > {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins manage products.'));
    const parsed = parseInput(productPatch, patch);
    if (!parsed.ok) return parsed;
    const [before] = await repo.productsByIds(this.#deps.db, [id]);
    if (!before) return Err(new NotFoundError('product', id));
    const { certificateMode, bindCertificateToToken, ...fields } = parsed.value;
    if (
      (certificateMode !== undefined || bindCertificateToToken !== undefined) &&
      !supportsCertificateOptions(before.authType)
    ) {
      return Err(
        notApplicable(
          before.authType,
          certificateMode !== undefined ? 'certificateMode' : 'bindCertificateToToken',
        ),
      );
    }
    const warnings: string[] = [];
    const live = (await repo.approvedRequestCount(this.#deps.db, id)) > 0;
    if (live && certificateMode !== undefined && certificateMode !== before.certificateMode)
      warnings.push(MODE_CHANGE_WARNING);
    if (
      live &&
      bindCertificateToToken !== undefined &&
      bindCertificateToToken !== before.bindCertificateToToken
    )
      warnings.push(BINDING_CHANGE_WARNING);
    const values = {
      ...fields,
      ...(certificateMode ? { certificateMode } : {}),
      ...(bindCertificateToToken !== undefined ? { bindCertificateToToken } : {}),
    };
    try {
      await this.#deps.db.transaction(async (tx) => {
        await repo.updateProductRow(tx, id, values);
        await recordAudit(tx, actor, [
          {
            action: 'product.update',
            subjectType: 'product',
            subjectId: id,
            before: auditView(before),
            after: values,
          },
        ]);
      });
    } catch (error) {
      if (isUniqueViolation(error))
        return Err(
          new ProductNameTakenError(`The provider already has a product named "${fields.name}".`, {
            path: ['name'],
          }),
        );
      throw error;
    }
    return Ok({ product: (await repo.productsByIds(this.#deps.db, [id]))[0]!, warnings });
  }

  /** Batch load: products are the catalogue, which every signed-in actor sees. */
  byIds(ids: readonly string[], _actor: Actor): Promise<Product[]> {
    return repo.productsByIds(this.#deps.db, ids);
  }

  async get(id: string): Promise<Product | undefined> {
    return (await repo.productsByIds(this.#deps.db, [id]))[0];
  }

  list(filter: { providerId?: string } = {}): Promise<Product[]> {
    return repo.listProducts(this.#deps.db, filter.providerId);
  }
}

async function readApis(
  client: DashboardClient,
  apiIds: string[],
): Promise<
  Result<
    { authType: ProductAuthType; apis: ProductApi[] },
    DashboardError | ProductApiNotFoundError | ProductAuthTypeMixedError
  >
> {
  const apis: (ProductApi & { authType: ProductAuthType })[] = [];
  for (const apiId of apiIds) {
    const read = await client.getApi(apiId);
    if (!read.ok) {
      if (read.error.code === 'DASHBOARD_NOT_FOUND' || read.error.code === 'DASHBOARD_REJECTED') {
        return Err(
          new ProductApiNotFoundError(`The Dashboard has no API ${apiId}.`, {
            path: ['apiIds'],
            context: { apiId },
          }),
        );
      }
      return read;
    }
    const wrapper = read.value;
    const def = wrapper.api_definition;
    apis.push({
      apiId: def.api_id,
      apiKind: apiKindOf(wrapper),
      apiName: def.name,
      authType: apiAuthType(def),
    });
  }
  const types = [...new Set(apis.map((a) => a.authType))];
  if (types.length > 1) {
    const detail = apis.map((a) => `${a.apiName ?? a.apiId}: ${a.authType}`).join(', ');
    return Err(
      new ProductAuthTypeMixedError(`A product's APIs must share one auth type (${detail}).`, {
        path: ['apiIds'],
      }),
    );
  }
  return Ok({ authType: types[0]!, apis: apis.map(({ authType: _, ...api }) => api) });
}

function checkOptions(
  authType: ProductAuthType,
  certificateMode: 'MANAGED' | 'SELF_SERVE' | undefined,
  bind: boolean | undefined,
) {
  if (!supportsCertificateOptions(authType)) {
    if (certificateMode !== undefined) return Err(notApplicable(authType, 'certificateMode'));
    if (bind) return Err(notApplicable(authType, 'bindCertificateToToken'));
    return Ok({ certificateMode: null, bindCertificateToToken: false });
  }
  return Ok({
    certificateMode: certificateMode ?? ('SELF_SERVE' as const),
    bindCertificateToToken: bind ?? false,
  });
}

function notApplicable(authType: ProductAuthType, field: 'certificateMode' | 'bindCertificateToToken') {
  const what = field === 'certificateMode' ? 'Mutual TLS certificate mode' : 'Bind Certificate to Token';
  return new ProductOptionNotApplicableError(
    `${what} applies only to Auth Token + mTLS products; this product is ${authType}.`,
    { path: [field] },
  );
}

function auditView(p: Product): Record<string, unknown> {
  return {
    name: p.name,
    certificateMode: p.certificateMode,
    bindCertificateToToken: p.bindCertificateToToken,
  };
}
