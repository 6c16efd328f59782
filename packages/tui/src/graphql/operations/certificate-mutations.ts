// Certificate changes, and the inspection an upload starts with. Each selects `userErrors`.
// The documents live in certificate-mutations.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  CertificateDeleteDocument as CertificateDeleteMutation,
  CertificateInspectDocument as CertificateInspectQuery,
  CertificateRenameDocument as CertificateRenameMutation,
  CertificateResumeDocument as CertificateResumeMutation,
  CertificateSetOrganisationsDocument as CertificateSetOrganisationsMutation,
  CertificateSuspendDocument as CertificateSuspendMutation,
  CertificateUploadDocument as CertificateUploadMutation,
} from '../generated.ts';

export type Inspection = NonNullable<G.CertificateInspectQuery['certificateInspect']['inspection']>;
export type InUseError = G.CertificateDeleteMutation['certificateDelete']['userErrors'][number];
