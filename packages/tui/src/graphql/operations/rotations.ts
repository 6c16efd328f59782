// Certificate rotation: the rotations in their overlap, and start / complete / cancel.
// The documents live in rotations.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  CertificateRotationCancelDocument as CertificateRotationCancelMutation,
  CertificateRotationCompleteDocument as CertificateRotationCompleteMutation,
  CertificateRotationStartDocument as CertificateRotationStartMutation,
  RotationsInOverlapDocument as RotationsInOverlapQuery,
} from '../generated.ts';

export type RotationStep = G.RotationStepFieldsFragment;
export type RotationInOverlap = G.RotationsInOverlapQuery['certificateRotations'][number];
