import { X509Error } from './x509.errors.ts';

/** Tyk Dashboard uploads over 2 KB once broke on Kubernetes; 256 KiB is far above any real chain. */
export const MAX_PEM_BYTES = 256 * 1024;
/** A leaf plus a chain; no real client chain comes near this. */
export const MAX_CERTIFICATES = 10;

/** One decoded `-----BEGIN CERTIFICATE-----` block, in input order (1-based `block`). */
export interface CertificateBlock {
  readonly block: number;
  readonly der: Uint8Array;
}

interface RawBlock {
  readonly label: string;
  readonly body: string | undefined; // undefined when the END line is missing
}

/** Every BEGIN and END marker, found in one pass over the input. */
const MARKER = /-----(BEGIN|END) ([^\n-]+)-----/g;
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Splits PEM text into certificate blocks, strictly. Text around blocks is allowed (openssl and
 * browsers write "subject=" or "Bag Attributes" lines); anything that is not a certificate, or a
 * certificate block that does not decode to exactly one DER structure, is refused with its own code.
 * A private key anywhere in the input refuses the whole input, before anything else is looked at.
 */
export function decodeCertificateBlocks(input: string): CertificateBlock[] {
  if (input.trim() === '') throw new X509Error('PEM_EMPTY', 'The certificate input is empty.');
  const bytes = Buffer.byteLength(input, 'utf8');
  if (bytes > MAX_PEM_BYTES) {
    throw new X509Error('PEM_TOO_LARGE', `The input is ${bytes} bytes; the limit is ${MAX_PEM_BYTES}.`, {
      bytes,
      limit: MAX_PEM_BYTES,
    });
  }
  const blocks = splitBlocks(input.replace(/\r\n?/g, '\n'));
  refuseNonCertificates(blocks);
  const certificates = blocks.map((raw, i) => decodeBlock(raw, i + 1));
  if (certificates.length === 0) {
    throw new X509Error('PEM_NO_CERTIFICATE', 'No "-----BEGIN CERTIFICATE-----" block was found.');
  }
  if (certificates.length > MAX_CERTIFICATES) {
    throw new X509Error(
      'PEM_TOO_MANY_CERTIFICATES',
      `The input holds ${certificates.length} certificates; at most ${MAX_CERTIFICATES} are accepted.`,
      { count: certificates.length, limit: MAX_CERTIFICATES },
    );
  }
  return certificates;
}

/** One block of a bundle as its own PEM text, with its label (`CERTIFICATE`, `PRIVATE KEY`, …). */
export interface PemBlockText {
  readonly label: string;
  /** The block alone, BEGIN to END; a block with no END keeps only its BEGIN line (refused as malformed). */
  readonly pem: string;
}

/**
 * Splits a bundle (a file of many certificates, as a fleet export is) into its blocks, each as
 * PEM text the single-certificate path decodes and refuses with its own code. Linear in the input;
 * no size limit of its own (the caller bounds the bundle).
 */
export function splitPemBundle(input: string): PemBlockText[] {
  return splitBlocks(input.replace(/\r\n?/g, '\n')).map(({ label, body }) => ({
    label,
    pem:
      body === undefined
        ? `-----BEGIN ${label}-----\n`
        : `-----BEGIN ${label}-----${body}-----END ${label}-----\n`,
  }));
}

/**
 * A block is a BEGIN marker closed by the very next marker when that is its END. One pass over
 * the markers: searching the rest of the input for each BEGIN's END made unclosed BEGIN lines
 * cost the square of their number (256 KiB of them took 1.1 s; this takes milliseconds).
 */
function splitBlocks(text: string): RawBlock[] {
  const blocks: RawBlock[] = [];
  let open: { label: string; start: number } | undefined;
  for (const marker of text.matchAll(MARKER)) {
    const [line, kind, rawLabel] = marker;
    const label = rawLabel!.trim();
    if (kind === 'END') {
      if (open?.label === label) blocks.push({ label, body: text.slice(open.start, marker.index) });
      else if (open) blocks.push({ label: open.label, body: undefined });
      open = undefined;
      continue;
    }
    if (open) blocks.push({ label: open.label, body: undefined });
    open = { label, start: marker.index + line.length };
  }
  if (open) blocks.push({ label: open.label, body: undefined });
  return blocks;
}

function refuseNonCertificates(blocks: RawBlock[]): void {
  // Checked over all blocks first, so a key hidden after a broken certificate still refuses the input.
  if (blocks.some((b) => b.label.endsWith('PRIVATE KEY'))) {
    throw new X509Error(
      'PEM_PRIVATE_KEY',
      'The input contains a private key. Upload the certificate only; private keys are never accepted or stored.',
    );
  }
  for (const [i, b] of blocks.entries()) {
    if (b.label.endsWith('CERTIFICATE REQUEST')) {
      throw new X509Error('PEM_CSR', `Block ${i + 1} is a certificate signing request, not a certificate.`);
    }
    if (b.label.endsWith('PUBLIC KEY')) {
      throw new X509Error('PEM_PUBLIC_KEY', `Block ${i + 1} is a bare public key, not a certificate.`);
    }
    if (b.label !== 'CERTIFICATE') {
      throw new X509Error(
        'PEM_UNSUPPORTED_BLOCK',
        `Block ${i + 1} is a "${b.label}" block, not a certificate.`,
        {
          label: b.label,
        },
      );
    }
  }
}

function decodeBlock(raw: RawBlock, block: number): CertificateBlock {
  if (raw.body === undefined) {
    throw new X509Error(
      'PEM_MALFORMED',
      `Certificate block ${block} has no END line; the input looks truncated.`,
      {
        block,
      },
    );
  }
  const base64 = raw.body.replace(/\s+/g, '');
  if (base64 === '' || base64.length % 4 !== 0 || !BASE64_BODY.test(base64)) {
    throw new X509Error('PEM_MALFORMED', `Certificate block ${block} is not valid base64.`, { block });
  }
  const der = new Uint8Array(Buffer.from(base64, 'base64'));
  const declared = derLength(der);
  if (declared === undefined || declared > der.length) {
    throw new X509Error('PEM_MALFORMED', `Certificate block ${block} is truncated or is not DER.`, { block });
  }
  if (declared < der.length) {
    throw new X509Error(
      'PEM_TRAILING_DATA',
      `Certificate block ${block} has ${der.length - declared} bytes after the certificate.`,
      { block, extraBytes: der.length - declared },
    );
  }
  return { block, der };
}

/** Total length (header + content) of the outer DER SEQUENCE, or undefined when it is not one. */
function derLength(der: Uint8Array): number | undefined {
  if (der.length < 2 || der[0] !== 0x30) return undefined;
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const octets = first & 0x7f;
  if (octets === 0 || octets > 4 || der.length < 2 + octets) return undefined;
  let length = 0;
  for (let i = 0; i < octets; i++) length = length * 256 + der[2 + i]!;
  return 2 + octets + length;
}
