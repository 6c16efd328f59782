// Bulk import of a directory's certificates, and its progress.
// The documents live in certificate-import.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  CertificateImportDocument as CertificateImportMutation,
  CertificateImportProgressDocument as CertificateImportProgressSubscription,
} from '../generated.ts';

export type ImportReport = NonNullable<G.CertificateImportMutation['certificateImport']['report']>;
export type ImportCounts = ImportReport['counts'];
export type ImportProgress = G.CertificateImportProgressSubscription['certificateImportProgress'];
