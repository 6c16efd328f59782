// Access requests: the listing, one request, approve / reject / retry, and live status over SSE.
// The documents live in access-requests.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  AccessRequestApproveDocument as AccessRequestApproveMutation,
  AccessRequestDocument as AccessRequestQuery,
  AccessRequestRejectDocument as AccessRequestRejectMutation,
  AccessRequestReprovisionDocument as AccessRequestReprovisionMutation,
  AccessRequestRetryDocument as AccessRequestRetryMutation,
  AccessRequestRevokeDocument as AccessRequestRevokeMutation,
  AccessRequestStatusDocument as AccessRequestStatusSubscription,
  AccessRequestsDocument as AccessRequestsQuery,
} from '../generated.ts';

export type AccessRequestRow = G.AccessRequestsQuery['accessRequests']['nodes'][number];
