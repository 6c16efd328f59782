import { makeCertificate } from '@repo/core/testing';

/**
 * Many distinct certificates, fast: one real certificate is made, then copies get their own serial
 * number written over the template's. Each copy has its own DER, SHA-256 and Tyk id; the signature
 * no longer verifies, which no part of a listing or a sync looks at. (Signing 50,000 real ones
 * takes minutes.)
 */
export async function benchCertificatePems(count: number): Promise<string[]> {
  const template = await makeCertificate({ name: 'CN=bench', san: { dns: ['bench.test'] } });
  const der = Buffer.from(template.der);
  const serial = Buffer.from(template.cert.serialNumber, 'hex');
  const at = der.indexOf(serial);
  if (at < 0) throw new Error('serial not found in the template');
  return Array.from({ length: count }, (_, i) => {
    const copy = Buffer.from(der);
    copy.writeUInt32BE(i, at + serial.length - 4);
    const base64 = copy.toString('base64').replace(/.{64}/g, '$&\n');
    return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
  });
}
