// The request-check explainer: would the Gateway let this request through, check by check?
// The documents live in request-check.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  AccessRequestCheckDocument as AccessRequestCheckQuery,
  RequestCheckDocument as RequestCheckQuery,
} from '../generated.ts';

export type CheckOutcome = G.RequestCheckOutcome;
export type RequestCheckReport = NonNullable<G.RequestCheckQuery['requestCheck']['report']>;
export type AccessRequestCheck = NonNullable<G.AccessRequestCheckQuery['accessRequestCheck']['check']>;
export type AccessRequestApiCheck = AccessRequestCheck['apis'][number];
