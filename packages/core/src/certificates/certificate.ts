import { z } from 'zod';
import type { CertificateSource, StoredLintWarning } from '../db/schema/certificates.ts';
import type { Organisation } from '../organisations/organisation.service.ts';
import { nameSchema } from '../validation.ts';
import type { PortalCertificateStatus } from './certificate-status.ts';

/**
 * The portal's record of a certificate in a provider's store, as core hands it out. The PEM is
 * never part of it. Fields marked nullable are null for rows only known from a Dashboard listing.
 */
export interface Certificate {
  readonly id: string;
  readonly providerId: string;
  /** Tyk's id: the provider's org id + `sha256`. */
  readonly tykId: string;
  /** Portal-only label; never sent to the Dashboard. */
  readonly name: string | null;
  readonly source: CertificateSource;
  readonly sha256: string;
  readonly sha1: string | null;
  readonly x5tS256: string;
  readonly subjectDn: string | null;
  readonly subjectCn: string | null;
  readonly issuerDn: string | null;
  readonly issuerCn: string | null;
  readonly serialNumber: string | null;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Where it stands at read time (core's clock), with the default or the listing's warning window. */
  readonly status: PortalCertificateStatus;
  readonly isCa: boolean;
  /** The Dashboard holds its private key: a server certificate, not a client certificate. */
  readonly hasPrivateKey: boolean;
  /** `type:value` entries: `dns:api.example.com`, `ip:10.0.0.1`, `email:…`, `uri:…`. */
  readonly subjectAltNames: readonly string[];
  readonly keyAlgorithm: string | null;
  readonly signatureAlgorithm: string | null;
  readonly lintWarnings: readonly StoredLintWarning[];
  /** Key usage, EKU, path length, public key and a summary of the uploaded chain. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** When the provider's store accepted it; null while a Self-Serve certificate waits for approval. */
  readonly registeredAt: Date | null;
  readonly lastSeenAt: Date | null;
  /** Soft delete: gone from the Dashboard (or deleted here); name and organisations are kept. */
  readonly deletedAt: Date | null;
  /** Suspended by an admin: on no allow list or binding the portal placed until resumed. */
  readonly suspendedAt: Date | null;
  readonly suspendReason: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The fields a listing row carries: what a table of certificates shows, nothing more. */
export const CERTIFICATE_SUMMARY_FIELDS = [
  'id',
  'providerId',
  'tykId',
  'name',
  'source',
  'sha256',
  'sha1',
  'x5tS256',
  'subjectCn',
  'notBefore',
  'notAfter',
  'deletedAt',
  'suspendedAt',
] as const satisfies readonly (keyof Certificate)[];

/**
 * A certificate as a listing hands it out: the summary fields, its status, and the organisations
 * it is associated with (for a consumer, only its own). A listing reads a page of these, with
 * their organisations, in one statement; `byIds` has the full record for the fields a table does
 * not show. Every value read costs (PGlite copies each one out of its wire buffer), so a page
 * reads 15 values per row instead of 29 and a second statement for the organisations.
 */
export type CertificateSummary = Pick<Certificate, (typeof CERTIFICATE_SUMMARY_FIELDS)[number] | 'status'> & {
  readonly organisations: readonly Organisation[];
};

/** An organisation a certificate is associated with (Managed mode). */
export interface CertificateOrganisation {
  readonly id: string;
  readonly name: string;
}

const name = nameSchema(200, 'must not be empty');
const organisationIds = z
  .array(z.string().trim().min(1).max(64))
  .max(500)
  .transform((ids) => [...new Set(ids)]);

export const uploadInput = z.object({
  providerId: z.string().min(1, 'is required'),
  /** Omitted: a new row gets none, an existing row keeps its own. */
  name: name.nullish(),
  /** Only a type check: the X.509 module reads the text, with its own size limit. */
  pem: z.string(),
  /** Omitted: a new row gets none, an existing row keeps its own. */
  organisationIds: organisationIds.optional(),
});
export type UploadInput = z.input<typeof uploadInput>;

export const renameInput = z.object({ name: name.nullable() });
export const organisationIdsInput = z.object({ organisationIds });

/** What upload did with the portal's row. */
export type UploadOutcome =
  /** A new row. */
  | 'CREATED'
  /** A soft-deleted row of the same certificate came back, with its id, name and organisations. */
  | 'RESTORED'
  /** The live row of the same certificate was refreshed (metadata, registration, name/organisations if given). */
  | 'UPDATED';

export interface UploadResult {
  readonly certificate: Certificate;
  readonly outcome: UploadOutcome;
  /** The Dashboard already held this certificate ("already exists" counts as success). */
  readonly alreadyInDashboard: boolean;
}

/** The audit view of a certificate: identifying and editable fields, never the PEM. */
export function certificateAuditView(
  c: Pick<Certificate, 'providerId' | 'tykId' | 'name' | 'sha256' | 'subjectCn' | 'notAfter' | 'deletedAt'>,
): Record<string, unknown> {
  return {
    providerId: c.providerId,
    tykId: c.tykId,
    name: c.name,
    sha256: c.sha256,
    subjectCn: c.subjectCn,
    notAfter: c.notAfter.toISOString(),
    deletedAt: c.deletedAt?.toISOString() ?? null,
  };
}
