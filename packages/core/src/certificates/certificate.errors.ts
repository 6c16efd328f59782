import { DomainError } from '../errors.ts';

/** The codes of this module's errors, each with what it means (the GraphQL enum's descriptions). */
export const CERTIFICATE_ERROR_CODES = {
  CERTIFICATE_DELETED: 'The certificate is soft-deleted (gone from the Dashboard): it cannot be changed.',
  CERTIFICATE_HAS_PRIVATE_KEY: 'The Dashboard holds its private key: a server certificate, not a client one.',
  ORGANISATION_NOT_FOUND: 'Organisation ids that name no organisation.',
  CERTIFICATE_IN_USE: 'Deleting the certificate would break APIs or credentials; `force` overrides.',
  CERTIFICATE_ID_MISMATCH:
    "The Dashboard registered the certificate under another id (the provider's org id is wrong).",
  CERTIFICATE_NOT_CA: 'A trusted-issuer mark on a certificate that is not a CA.',
  CERTIFICATE_NOT_ASSOCIATED: 'The certificate is not associated with the organisation named.',
  CERTIFICATE_SUSPENDED: 'The certificate is suspended already (resume it first).',
  CERTIFICATE_NOT_SUSPENDED: 'The certificate is not suspended, so there is nothing to resume.',
} as const;

/** The certificate is soft-deleted: it is gone from the Dashboard, so it cannot be edited or deleted again. */
export class CertificateDeletedError extends DomainError {
  readonly code = 'CERTIFICATE_DELETED' as const;

  constructor(id: string) {
    super(`Certificate ${id} is deleted; it can be edited again once it is back in the Dashboard.`, {
      context: { id },
    });
  }
}

/**
 * The Dashboard holds the certificate's private key: it is a server (or upstream) certificate, not a
 * client certificate, so the portal does not name it or give it to organisations.
 */
export class CertificateHasPrivateKeyError extends DomainError {
  readonly code = 'CERTIFICATE_HAS_PRIVATE_KEY' as const;

  constructor(id: string) {
    super(`Certificate ${id} carries a private key in the Dashboard; it is not a client certificate.`, {
      context: { id },
    });
  }
}

/** Organisation ids that name no organisation. */
export class UnknownOrganisationError extends DomainError {
  readonly code = 'ORGANISATION_NOT_FOUND' as const;
  readonly ids: readonly string[];

  constructor(ids: readonly string[]) {
    super(`No organisation with id ${ids.join(', ')}.`, { path: ['organisationIds'], context: { ids } });
    this.ids = ids;
  }
}

/** An API whose definition names the certificate (allow list, upstream or server certificate). */
export interface ApiUsage {
  readonly apiId: string;
  readonly name: string;
  /** Tyk's `usage_type`: `client` (the allow list), `upstream`, `server`. */
  readonly usageTypes: readonly string[];
}

/** A live credential issued by an approval that provisioned the certificate. */
export interface CredentialUsage {
  readonly credentialId: string;
  readonly accessRequestId: string;
  readonly appId: string;
  readonly appName: string;
  readonly organisationId: string;
  readonly productId: string;
  readonly productName: string;
  /** The product binds certificates to tokens (`mtls_static_certificate_bindings`). */
  readonly boundToToken: boolean;
}

/** Deleting the certificate would break these APIs and credentials; `force` overrides. */
export class CertificateInUseError extends DomainError {
  readonly code = 'CERTIFICATE_IN_USE' as const;
  readonly apis: readonly ApiUsage[];
  readonly credentials: readonly CredentialUsage[];

  constructor(id: string, usage: { apis: readonly ApiUsage[]; credentials: readonly CredentialUsage[] }) {
    const parts = [
      ...(usage.apis.length > 0
        ? [`APIs ${usage.apis.map((a) => `${a.name} (${a.apiId})`).join(', ')}`]
        : []),
      ...(usage.credentials.length > 0
        ? [`credentials ${usage.credentials.map((c) => c.credentialId).join(', ')}`]
        : []),
    ];
    super(`Certificate ${id} is in use by ${parts.join(' and ')}; delete with force to break them.`, {
      context: { id, apis: usage.apis, credentials: usage.credentials },
    });
    this.apis = usage.apis;
    this.credentials = usage.credentials;
  }
}

/**
 * The Dashboard registered the certificate under another id than the portal computes: the
 * provider's org id does not match the Dashboard user's org. Nothing is stored.
 */
export class CertificateIdMismatchError extends DomainError {
  readonly code = 'CERTIFICATE_ID_MISMATCH' as const;

  constructor(expected: string, actual: string) {
    super(
      `The Dashboard registered the certificate as ${actual}, not ${expected}: check the provider's org id.`,
      { context: { expected, actual } },
    );
  }
}

/** A trusted-issuer mark on a certificate that is not a CA (basicConstraints CA:TRUE). */
export class CertificateNotCaError extends DomainError {
  readonly code = 'CERTIFICATE_NOT_CA' as const;

  constructor(id: string) {
    super('Only a CA certificate can be a trusted issuer.', { path: ['certificateId'], context: { id } });
  }
}

/** The certificate is not associated with the organisation named. */
export class CertificateNotAssociatedError extends DomainError {
  readonly code = 'CERTIFICATE_NOT_ASSOCIATED' as const;

  constructor(id: string, organisationId: string) {
    super('The certificate is not associated with that organisation; associate it first.', {
      path: ['organisationId'],
      context: { id, organisationId },
    });
  }
}

/** Suspending a certificate that is suspended already. */
export class CertificateSuspendedError extends DomainError {
  readonly code = 'CERTIFICATE_SUSPENDED' as const;

  constructor(id: string, since: Date) {
    super(`Certificate ${id} has been suspended since ${since.toISOString()}.`, { context: { id } });
  }
}

/** Resuming a certificate that is not suspended. */
export class CertificateNotSuspendedError extends DomainError {
  readonly code = 'CERTIFICATE_NOT_SUSPENDED' as const;

  constructor(id: string) {
    super(`Certificate ${id} is not suspended.`, { context: { id } });
  }
}
