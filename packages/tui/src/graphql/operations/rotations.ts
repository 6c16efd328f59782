// Certificate rotation: the rotations in their overlap, and start / complete / cancel.
// The documents live in rotations.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  CertificateRotationCancelDocument as CertificateRotationCancelMutation,
  CertificateRotationCompleteDocument as CertificateRotationCompleteMutation,
  CertificateRotationStartDocument as CertificateRotationStartMutation,
  RotationInOverlapDocument as RotationInOverlapQuery,
} from '../generated.ts';

export type RotationStep = G.RotationStepFieldsFragment;
export type RotationInOverlap = G.RotationInOverlapQuery['certificateRotations']['nodes'][number];
