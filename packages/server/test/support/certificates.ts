import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Certificate } from '@repo/core';
import { systemActor } from '@repo/core';
import { makeCertificate, type TestCertificate, type TestCertificateOptions } from '@repo/core/testing';
import { type ServerHarness, unwrap } from './harness.ts';

/** The global id the schema shows for a core id. */
export const gid = (typename: string, id: string): string => encodeGlobalID(typename, id);

/** Makes a real certificate and uploads it through core (Dashboard included). */
export async function uploaded(
  h: ServerHarness,
  options: TestCertificateOptions & { certificateName?: string; organisationIds?: string[] } = {},
): Promise<{ cert: TestCertificate; certificate: Certificate; id: string }> {
  const { certificateName, organisationIds, ...certOptions } = options;
  const cert = await makeCertificate({ freshKey: false, ...certOptions });
  const result = unwrap(
    await h.core.certificates.upload(
      { providerId: h.provider.id, pem: cert.pem, name: certificateName, organisationIds },
      systemActor('test'),
    ),
  );
  return { cert, certificate: result.certificate, id: gid('Certificate', result.certificate.id) };
}
