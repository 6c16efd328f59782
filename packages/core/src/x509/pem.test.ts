import { beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, pemBundle, type TestCertificate } from '../testing/certificates.ts';
import { parseCertificatePem } from './parse.ts';
import { decodeCertificateBlocks, MAX_PEM_BYTES } from './pem.ts';

let cert: TestCertificate;

beforeAll(async () => {
  cert = await makeCertificate({ key: 'rsa-2048' });
});

function refusal(input: string) {
  const result = parseCertificatePem(input);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

function block(label: string, body: string): string {
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

const BASE64_OF_SOMETHING = Buffer.from('0\x03\x02\x01\x00', 'latin1').toString('base64');

describe('parseCertificatePem refuses', () => {
  it.each(['', '   \n\r\n  '])('empty input %j', (input) => {
    expect(refusal(input).code).toBe('PEM_EMPTY');
  });

  it('text without any PEM block', () => {
    expect(refusal('hello world').code).toBe('PEM_NO_CERTIFICATE');
  });

  it.each([
    'PRIVATE KEY',
    'RSA PRIVATE KEY',
    'EC PRIVATE KEY',
    'ENCRYPTED PRIVATE KEY',
    'OPENSSH PRIVATE KEY',
  ])('a %s block anywhere in the input, without echoing it', (label) => {
    const secret = 'U2VjcmV0S2V5TWF0ZXJpYWxEb05vdExlYWs=';
    for (const input of [block(label, secret) + cert.pem, cert.pem + block(label, secret)]) {
      const error = refusal(input);
      expect(error.code).toBe('PEM_PRIVATE_KEY');
      expect(JSON.stringify({ m: error.message, c: error.context })).not.toContain(secret);
    }
  });

  it('the real private key of the certificate next to it', () => {
    expect(refusal(cert.pem + cert.keyPem).code).toBe('PEM_PRIVATE_KEY');
  });

  it.each(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'])('a CSR (%s)', (label) => {
    expect(refusal(block(label, BASE64_OF_SOMETHING)).code).toBe('PEM_CSR');
  });

  it.each(['PUBLIC KEY', 'RSA PUBLIC KEY'])('a bare public key (%s)', (label) => {
    expect(refusal(block(label, BASE64_OF_SOMETHING)).code).toBe('PEM_PUBLIC_KEY');
  });

  it('another kind of block', () => {
    expect(refusal(block('X509 CRL', BASE64_OF_SOMETHING)).code).toBe('PEM_UNSUPPORTED_BLOCK');
  });

  it('garbled base64', () => {
    const garbled = cert.pem.replace(/\n([A-Za-z0-9+/]{10})/, '\n!@#$%^&*()');
    expect(refusal(garbled).code).toBe('PEM_MALFORMED');
  });

  it('base64 cut short inside the block', () => {
    const lines = cert.pem.trim().split('\n');
    const cut = [...lines.slice(0, 4), lines.at(-1)].join('\n');
    expect(refusal(cut).code).toBe('PEM_MALFORMED');
  });

  it('a block without its END line', () => {
    expect(refusal(cert.pem.slice(0, cert.pem.indexOf('-----END'))).code).toBe('PEM_MALFORMED');
  });

  it('bytes after the certificate inside the block', () => {
    const body = Buffer.concat([Buffer.from(cert.der), Buffer.from('garbage!')]).toString('base64');
    const error = refusal(block('CERTIFICATE', body));
    expect(error.code).toBe('PEM_TRAILING_DATA');
    expect(error.context).toMatchObject({ block: 1, extraBytes: 8 });
  });

  it('well-formed DER that is not a certificate', () => {
    expect(refusal(block('CERTIFICATE', BASE64_OF_SOMETHING)).code).toBe('CERTIFICATE_MALFORMED');
  });

  it('input over 256 KiB', () => {
    const padding = 'x'.repeat(MAX_PEM_BYTES);
    expect(refusal(cert.pem + padding).code).toBe('PEM_TOO_LARGE');
  });

  it('more than 10 certificates', () => {
    expect(parseCertificatePem(pemBundle(...Array(10).fill(cert))).ok).toBe(true);
    expect(refusal(pemBundle(...Array(11).fill(cert))).code).toBe('PEM_TOO_MANY_CERTIFICATES');
  });
});

describe('decodeCertificateBlocks cost', () => {
  // 256 KiB of BEGIN lines with no END: each BEGIN used to search the rest of the input for its
  // END line, so the work grew with the square of the lines (1.5 s measured). The bound is
  // generous (the linear reader takes a few milliseconds) so a busy machine does not fail it.
  const beginLine = '-----BEGIN CERTIFICATE-----\n';
  const worst = beginLine.repeat(Math.floor(MAX_PEM_BYTES / beginLine.length));

  it('refuses 256 KiB of unclosed BEGIN lines in linear time', () => {
    const started = performance.now();
    expect(() => decodeCertificateBlocks(worst)).toThrow(expect.objectContaining({ code: 'PEM_MALFORMED' }));
    expect(performance.now() - started).toBeLessThan(300);
  });

  it('pairs each BEGIN with the END that follows it, not a later one', () => {
    const broken = `${beginLine}garbage\n${cert.pem}`;
    expect(() => decodeCertificateBlocks(broken)).toThrow(
      expect.objectContaining({
        code: 'PEM_MALFORMED',
        message: expect.stringContaining('block 1 has no END line'),
      }),
    );
  });
});
