import { z } from 'zod';
import type { ApiKind, CertificateMode, ProductAuthType } from '../db/schema/products.ts';
import { nameSchema } from '../validation.ts';

export interface ProductApi {
  readonly apiId: string;
  readonly apiKind: ApiKind;
  readonly apiName: string | null;
}

export interface Product {
  readonly id: string;
  readonly providerId: string;
  readonly name: string;
  readonly description: string | null;
  readonly authType: ProductAuthType;
  /** Null unless AUTH_TOKEN_MTLS. */
  readonly certificateMode: CertificateMode | null;
  readonly bindCertificateToToken: boolean;
  readonly apis: readonly ProductApi[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const productInput = z.object({
  providerId: z.string().min(1),
  name: nameSchema(100),
  description: z.string().max(2000).nullish(),
  apiIds: z.array(z.string().min(1)).min(1, 'name at least one API').max(50),
  certificateMode: z.enum(['MANAGED', 'SELF_SERVE']).optional(),
  bindCertificateToToken: z.boolean().optional(),
});
export type ProductInput = z.input<typeof productInput>;

export const productPatch = z.object({
  name: nameSchema(100).optional(),
  description: z.string().max(2000).nullish(),
  certificateMode: z.enum(['MANAGED', 'SELF_SERVE']).optional(),
  bindCertificateToToken: z.boolean().optional(),
});
export type ProductPatch = z.input<typeof productPatch>;

/** Tyk's own words when the mode changes under live access (Portal 1.16 product settings). */
export const MODE_CHANGE_WARNING =
  'Changing modes after go-live may cause access inconsistencies since existing certificates remain active';
export const BINDING_CHANGE_WARNING =
  'Keys issued before this change keep their certificate bindings until their access is re-provisioned';
