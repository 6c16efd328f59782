import type { Certificate, UploadResult } from '@repo/core';
import {
  makeCertificate,
  type TestCertificate,
  type TestCertificateOptions,
  type TestDatabase,
} from '@repo/core/testing';
import { ADMIN, type CoreHarness } from './core-harness.ts';

/** What `GET /_mock/state` says about one stored certificate. */
export interface MockCertificate {
  readonly id: string;
  readonly fingerprint: string;
  readonly hasPrivate: boolean;
  readonly subjectCn: string;
  readonly pem: string;
}

export async function mockCertificates(h: CoreHarness): Promise<MockCertificate[]> {
  const state = (await h.control('GET', '/_mock/state')) as { certificates: MockCertificate[] };
  return state.certificates;
}

/** Makes a real certificate and uploads it through core as the admin; throws on any refusal. */
export async function uploadNew(
  h: CoreHarness,
  options: TestCertificateOptions & { certificateName?: string; organisationIds?: string[] } = {},
): Promise<{ cert: TestCertificate; certificate: Certificate; result: UploadResult }> {
  const { certificateName, organisationIds, ...certOptions } = options;
  const cert = await makeCertificate(certOptions);
  const uploaded = await h.core.certificates.upload(
    { providerId: h.provider.id, pem: cert.pem, name: certificateName, organisationIds },
    ADMIN,
  );
  if (!uploaded.ok) throw uploaded.error;
  return { cert, certificate: uploaded.value.certificate, result: uploaded.value };
}

/** Every row a certificate change can touch, to assert that a refusal changed nothing. */
export async function storeSnapshot(ctx: TestDatabase) {
  const [certificates, links, audit] = await Promise.all([
    ctx.db.query.certificates.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.query.certificateOrganisations.findMany({
      orderBy: { certificateId: 'asc', organisationId: 'asc' },
    }),
    ctx.db.query.auditEvents.findMany({ where: { subjectType: 'certificate' }, orderBy: { id: 'asc' } }),
  ]);
  return { certificates, links, audit };
}

/** Multipart upload straight to the mock's Dashboard API, as another Dashboard user would. */
export async function uploadToDashboard(h: CoreHarness, pem: string): Promise<Response> {
  const form = new FormData();
  form.set('cert', new Blob([pem]), 'cert.pem');
  return h.dashboard('POST', '/api/certs', form);
}

export async function auditActions(ctx: TestDatabase, subjectId: string): Promise<string[]> {
  const events = await ctx.db.query.auditEvents.findMany({ where: { subjectId }, orderBy: { id: 'asc' } });
  return events.map((e) => e.action);
}
