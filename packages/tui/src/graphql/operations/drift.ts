import { operation } from '../document.ts';
import { USER_ERRORS, type UserError } from './types.ts';

export type DriftKind =
  | 'BINDING_EXTRA'
  | 'BINDING_MISSING'
  | 'EXTRA_ON_ALLOW_LIST'
  | 'KEY_MISSING'
  | 'KEY_NOT_EXPECTED'
  | 'MISSING_FROM_ALLOW_LIST';

export interface DriftFindingRow {
  readonly kind: DriftKind;
  readonly api: { readonly apiId: string; readonly name: string | null } | null;
  readonly accessRequest: {
    readonly id: string;
    readonly app: { readonly name: string };
    readonly product: { readonly name: string };
  } | null;
  readonly certificates: readonly {
    readonly id: string;
    readonly name: string | null;
    readonly subjectCn: string | null;
  }[];
  readonly unknownCertificateTykIds: readonly string[];
}

const FINDING = `kind api { apiId name } accessRequest { id app { name } product { name } }
  certificates { id name subjectCn } unknownCertificateTykIds`;

/** Findings shown: each names its certificates, so a page of 100 goes past the server's cost limit. */
export const DRIFT_PAGE = 25;

export const AccessDriftQuery = operation<
  {
    accessDrift: {
      findings: { pageInfo: { hasNextPage: boolean }; nodes: DriftFindingRow[] } | null;
      userErrors: UserError[];
    };
  },
  { provider: string }
>(
  'AccessDrift',
  `query AccessDrift($provider: ID!) {
    accessDrift(provider: $provider, first: ${DRIFT_PAGE}) {
      findings { pageInfo { hasNextPage } nodes { ${FINDING} } } ${USER_ERRORS}
    }
  }`,
);

export const AccessDriftFixMutation = operation<
  { accessDriftFix: { findings: { kind: DriftKind }[] | null; userErrors: UserError[] } },
  { provider: string }
>(
  'AccessDriftFix',
  `mutation AccessDriftFix($provider: ID!) {
    accessDriftFix(input: { provider: $provider }) { findings { kind } ${USER_ERRORS} }
  }`,
);
