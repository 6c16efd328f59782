// Access requests: the listing, one request, approve / reject / retry, and live status over SSE.
import { operation } from '../document.ts';
import { type AccessRequestStatus, type PageInfo, USER_ERRORS, type UserError } from './types.ts';

export interface AccessRequestRow {
  readonly id: string;
  readonly status: AccessRequestStatus;
  readonly attempts: number;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly approvedAt: string | null;
  readonly failedStep: string | null;
  readonly failureReason: string | null;
  readonly rejectReason: string | null;
  readonly app: {
    readonly name: string;
    readonly organisation: { readonly name: string } | null;
    readonly owner: { readonly name: string } | null;
  };
  readonly product: {
    readonly name: string;
    readonly certificateMode: string | null;
    readonly authType: string;
  };
  readonly plan: { readonly name: string };
  readonly certificate: {
    readonly id: string;
    readonly name: string | null;
    readonly subjectCn: string | null;
  } | null;
  readonly decidedBy: { readonly name: string } | null;
  readonly credentials: readonly {
    readonly id: string;
    readonly createdAt: string;
    readonly revokedAt: string | null;
    readonly expiresAt: string | null;
  }[];
}

const REQUEST = `id status attempts createdAt decidedAt approvedAt failedStep failureReason rejectReason
  app { name organisation { name } owner { name } }
  product { name certificateMode authType }
  plan { name }
  certificate { id name subjectCn }
  decidedBy { name }
  credentials { id createdAt revokedAt expiresAt }`;

export const AccessRequestsQuery = operation<
  { accessRequests: { pageInfo: PageInfo; nodes: AccessRequestRow[] } },
  { first: number; after?: string | null; status?: AccessRequestStatus | null }
>(
  'AccessRequests',
  `query AccessRequests($first: Int!, $after: String, $status: [AccessRequestStatus!]) {
    accessRequests(first: $first, after: $after, filter: { status: $status }) {
      pageInfo { endCursor hasNextPage }
      nodes { ${REQUEST} }
    }
  }`,
);

type Payload = { accessRequest: AccessRequestRow | null; userErrors: UserError[] };

export const AccessRequestApproveMutation = operation<{ accessRequestApprove: Payload }, { id: string }>(
  'AccessRequestApprove',
  `mutation AccessRequestApprove($id: ID!) {
    accessRequestApprove(input: { accessRequest: $id }) { accessRequest { ${REQUEST} } ${USER_ERRORS} }
  }`,
);

export const AccessRequestRejectMutation = operation<
  { accessRequestReject: Payload },
  { id: string; reason: string }
>(
  'AccessRequestReject',
  `mutation AccessRequestReject($id: ID!, $reason: String!) {
    accessRequestReject(input: { accessRequest: $id, reason: $reason }) { accessRequest { ${REQUEST} } ${USER_ERRORS} }
  }`,
);

export const AccessRequestRetryMutation = operation<{ accessRequestRetry: Payload }, { id: string }>(
  'AccessRequestRetry',
  `mutation AccessRequestRetry($id: ID!) {
    accessRequestRetry(input: { accessRequest: $id }) { accessRequest { ${REQUEST} } ${USER_ERRORS} }
  }`,
);

export const AccessRequestReprovisionMutation = operation<
  { accessRequestReprovision: Payload },
  { id: string }
>(
  'AccessRequestReprovision',
  `mutation AccessRequestReprovision($id: ID!) {
    accessRequestReprovision(input: { accessRequest: $id }) { accessRequest { ${REQUEST} } ${USER_ERRORS} }
  }`,
);

export const AccessRequestRevokeMutation = operation<{ accessRequestRevoke: Payload }, { id: string }>(
  'AccessRequestRevoke',
  `mutation AccessRequestRevoke($id: ID!) {
    accessRequestRevoke(input: { accessRequest: $id }) { accessRequest { ${REQUEST} } ${USER_ERRORS} }
  }`,
);

export const AccessRequestStatusSubscription = operation<
  { accessRequestStatus: { status: AccessRequestStatus; accessRequest: AccessRequestRow } },
  { id: string }
>(
  'AccessRequestStatus',
  `subscription AccessRequestStatus($id: ID!) {
    accessRequestStatus(accessRequest: $id) { status accessRequest { ${REQUEST} } }
  }`,
);

export const AccessRequestQuery = operation<
  { node: (AccessRequestRow & { __typename: 'AccessRequest' }) | { __typename: string } | null },
  { id: string }
>(
  'AccessRequest',
  `query AccessRequest($id: ID!) { node(id: $id) { __typename ... on AccessRequest { ${REQUEST} } } }`,
);
