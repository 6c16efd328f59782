import { makeCertificate, pemBundle } from '../src/testing/certificates.ts';
import { MAX_PEM_BYTES, parseCertificatePem } from '../src/x509/index.ts';
import { measure, print, round } from './report.ts';

/**
 * The PEM reader's worst input against an ordinary one: 256 KiB of unclosed BEGIN lines (the most
 * markers the size limit allows) beside a 3-certificate chain, both through `parseCertificatePem`.
 */
export async function benchPem(): Promise<void> {
  const root = await makeCertificate({ name: 'CN=Pem Root', ca: true });
  const issuing = await makeCertificate({ name: 'CN=Pem Issuing', ca: true, issuer: root });
  const leaf = await makeCertificate({ name: 'CN=pem leaf', issuer: issuing });
  const chain = pemBundle(leaf, issuing, root);
  const beginLine = '-----BEGIN CERTIFICATE-----\n';
  const worst = beginLine.repeat(Math.floor(MAX_PEM_BYTES / beginLine.length));
  const rates = await measure('x509.pem', [
    { name: 'chain of 3', fn: () => parseCertificatePem(chain) },
    { name: '256 KiB of BEGIN lines', fn: () => parseCertificatePem(worst) },
  ]);
  print({
    bench: 'x509.pem',
    case: 'worst case vs chain of 3',
    factor: round(rates.get('chain of 3')! / rates.get('256 KiB of BEGIN lines')!),
    target: '<= 20',
  });
}
