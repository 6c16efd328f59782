// Certificate rotation: the rotations (all, or one in its overlap), and start / approve / complete /
// cancel.
// The documents live in rotations.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  CertificateRotationApproveDocument as CertificateRotationApproveMutation,
  CertificateRotationCancelDocument as CertificateRotationCancelMutation,
  CertificateRotationCompleteDocument as CertificateRotationCompleteMutation,
  CertificateRotationStartDocument as CertificateRotationStartMutation,
  RotationInOverlapDocument as RotationInOverlapQuery,
  RotationsDocument as RotationsQuery,
} from '../generated.ts';

export type RotationStep = G.RotationStepFieldsFragment;
export type RotationInOverlap = G.RotationInOverlapQuery['certificateRotations']['nodes'][number];
export type RotationRow = G.RotationsQuery['certificateRotations']['nodes'][number];
