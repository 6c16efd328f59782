import { builder } from './builder.ts';

// Small value types a certificate and an inspection share.

interface FingerprintSource {
  readonly sha256: string;
  readonly sha1: string | null;
  readonly x5tS256: string;
}

/** OpenSSL's `-fingerprint` form: uppercase hex pairs joined by colons. */
function colons(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

export const Fingerprints = builder.objectRef<FingerprintSource>('CertificateFingerprints').implement({
  description:
    'Every form a certificate fingerprint is written in; `certificates(filter: {search:})` takes any.',
  fields: (t) => ({
    sha256: t.exposeString('sha256', {
      description: 'SHA-256 of the DER, 64 lowercase hex, as Tyk writes it.',
    }),
    sha256Colons: t.string({
      description: 'SHA-256 as `openssl x509 -fingerprint -sha256` prints it.',
      resolve: (f) => colons(f.sha256),
    }),
    sha1: t.exposeString('sha1', {
      nullable: true,
      description:
        "SHA-1 of the DER, 40 lowercase hex; null for certificates found by sync (the Dashboard's API gives only the SHA-256).",
    }),
    sha1Colons: t.string({
      nullable: true,
      description: 'SHA-1 as `openssl x509 -fingerprint -sha1` prints it.',
      resolve: (f) => (f.sha1 === null ? null : colons(f.sha1)),
    }),
    x5tS256: t.exposeString('x5tS256', { description: 'JOSE `x5t#S256` (base64url SHA-256).' }),
  }),
});

export const LintWarning = builder
  .objectRef<{ code: string; message: string; block: number }>('CertificateLintWarning')
  .implement({
    description: 'Something that may stop a certificate working as a client certificate.',
    fields: (t) => ({
      code: t.exposeString('code', {
        description: 'E.g. `NO_CLIENT_AUTH_EKU`, `WEAK_RSA_KEY`, `SHA1_SIGNATURE`.',
      }),
      message: t.exposeString('message', { description: 'What is wrong, for people.' }),
      block: t.exposeInt('block', { description: 'Which PEM block it is about: 1 is the leaf.' }),
    }),
  });
