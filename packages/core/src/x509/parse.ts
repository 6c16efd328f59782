import { Err, Ok, type Result } from '../result.ts';
import type { CertificateInfo, ParsedChain } from './certificate-info.ts';
import { describe } from './describe.ts';
import { decodeCertificateBlocks } from './pem.ts';
import { X509Error } from './x509.errors.ts';

/**
 * Parses PEM text holding a leaf certificate and, optionally, its chain (leaf first).
 * Pure: no I/O, no clock. Refusals (each its own `X509Error` code): PEM_EMPTY, PEM_TOO_LARGE,
 * PEM_NO_CERTIFICATE, PEM_PRIVATE_KEY, PEM_CSR, PEM_PUBLIC_KEY, PEM_UNSUPPORTED_BLOCK,
 * PEM_MALFORMED, PEM_TRAILING_DATA, PEM_TOO_MANY_CERTIFICATES, CERTIFICATE_MALFORMED.
 */
export function parseCertificatePem(pem: string): Result<ParsedChain, X509Error> {
  let blocks: ReturnType<typeof decodeCertificateBlocks>;
  try {
    blocks = decodeCertificateBlocks(pem);
  } catch (error) {
    if (error instanceof X509Error) return Err(error);
    throw error;
  }
  const parsed: CertificateInfo[] = [];
  for (const { block, der } of blocks) {
    const result = parseCertificateDer(der, block);
    if (!result.ok) return result;
    parsed.push(result.value);
  }
  const [leaf, ...chain] = parsed;
  return Ok({ leaf: leaf!, chain });
}

/** Parses one DER certificate (from a TLS peer or a Dashboard answer). `block` only labels errors. */
export function parseCertificateDer(der: Uint8Array, block = 1): Result<CertificateInfo, X509Error> {
  try {
    return Ok(describe(der));
  } catch {
    // The library's messages can quote ASN.1 content; ours never does.
    return Err(
      new X509Error('CERTIFICATE_MALFORMED', `Certificate block ${block} is not a valid X.509 certificate.`, {
        block,
      }),
    );
  }
}

/**
 * Tyk refuses an upload when ANY certificate block has expired (`certificate is expired`,
 * Gateway `certs/manager.go`); a not-yet-valid certificate is accepted.
 */
export function refuseExpired(parsed: ParsedChain, at: Date): Result<ParsedChain, X509Error> {
  const expired = [parsed.leaf, ...parsed.chain].findIndex((c) => c.notAfter.getTime() < at.getTime());
  if (expired === -1) return Ok(parsed);
  const cert = expired === 0 ? parsed.leaf : parsed.chain[expired - 1]!;
  return Err(
    new X509Error(
      'CERTIFICATE_EXPIRED',
      `Certificate ${expired === 0 ? 'leaf' : `block ${expired + 1}`} expired on ${cert.notAfter.toISOString()}.`,
      { block: expired + 1, notAfter: cert.notAfter.toISOString() },
    ),
  );
}
