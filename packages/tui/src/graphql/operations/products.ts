// Products: the listing, and their certificate mode and binding (Tyk warns when access exists).
import { operation } from '../document.ts';
import { type CertificateMode, type PageInfo, USER_ERRORS, type UserError } from './types.ts';

export interface ProductRow {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly authType: 'AUTH_TOKEN' | 'AUTH_TOKEN_MTLS' | 'JWT' | 'JWT_MTLS' | 'OTHER';
  readonly certificateMode: CertificateMode | null;
  readonly bindCertificateToToken: boolean;
  readonly provider: { readonly id: string; readonly name: string } | null;
  readonly apis: readonly {
    readonly apiId: string;
    readonly name: string | null;
    readonly apiKind: string;
  }[];
}

const PRODUCT =
  'id name description authType certificateMode bindCertificateToToken provider { id name } apis { apiId name apiKind }';

export const ProductsQuery = operation<
  { products: { pageInfo: PageInfo; nodes: ProductRow[] } },
  { first: number; after?: string | null }
>(
  'Products',
  `query Products($first: Int!, $after: String) {
    products(first: $first, after: $after) { pageInfo { endCursor hasNextPage } nodes { ${PRODUCT} } }
  }`,
);

export const ProductUpdateMutation = operation<
  { productUpdate: { product: ProductRow | null; warnings: string[]; userErrors: UserError[] } },
  { product: string; certificateMode?: CertificateMode; bindCertificateToToken?: boolean }
>(
  'ProductUpdate',
  `mutation ProductUpdate($product: ID!, $certificateMode: CertificateMode, $bindCertificateToToken: Boolean) {
    productUpdate(input: { product: $product, certificateMode: $certificateMode, bindCertificateToToken: $bindCertificateToToken }) {
      product { ${PRODUCT} }
      warnings
      ${USER_ERRORS}
    }
  }`,
);

export type ProductCreateVariables = {
  provider: string;
  name: string;
  apiIds: string[];
  certificateMode?: CertificateMode;
  bindCertificateToToken?: boolean;
};

export const ProductCreateMutation = operation<
  { productCreate: { product: ProductRow | null; userErrors: UserError[] } },
  ProductCreateVariables
>(
  'ProductCreate',
  `mutation ProductCreate($provider: ID!, $name: String!, $apiIds: [String!]!, $certificateMode: CertificateMode, $bindCertificateToToken: Boolean) {
    productCreate(input: { provider: $provider, name: $name, apiIds: $apiIds, certificateMode: $certificateMode, bindCertificateToToken: $bindCertificateToToken }) {
      product { ${PRODUCT} } ${USER_ERRORS}
    }
  }`,
);
