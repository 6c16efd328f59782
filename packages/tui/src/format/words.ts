// Schema enum values as an admin reads them in Tyk's own Dashboard and docs.

import type { CertificateMode, UserRole } from '../graphql/generated.ts';
import type { ProductRow } from '../graphql/operations/products.ts';

const AUTH_TYPES: Record<ProductRow['authType'], string> = {
  AUTH_TOKEN_MTLS: 'Auth Token + mTLS',
  JWT_MTLS: 'JWT + mTLS',
  AUTH_TOKEN: 'Auth Token',
  JWT: 'JWT',
  OTHER: 'Other',
};

const CERTIFICATE_MODES: Record<CertificateMode, string> = {
  MANAGED: 'Managed',
  SELF_SERVE: 'Self-Serve',
};

/** `Auth Token + mTLS`, …; a value this TUI does not know yet is shown as sent. */
export function authTypeWords(authType: string): string {
  return AUTH_TYPES[authType as ProductRow['authType']] ?? authType;
}

/** `Managed` or `Self-Serve`; `-` where the product has no mode (not Auth Token + mTLS). */
export function certificateModeWords(mode: string | null | undefined): string {
  return mode ? (CERTIFICATE_MODES[mode as CertificateMode] ?? mode) : '-';
}

const USER_ROLES: Record<UserRole, string> = { ADMIN: 'admin', CONSUMER: 'consumer' };

/** `admin` or `consumer`. */
export function userRole(role: string): string {
  return USER_ROLES[role as UserRole] ?? role;
}
