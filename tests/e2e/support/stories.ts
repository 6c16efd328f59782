import type { TestCertificate } from '@repo/core/testing';
import { LEDGER_API, PAYMENTS_API } from '../../support/access-fixtures.ts';
import type { E2eServer } from '../setup/global-setup.ts';
import { graphql } from './portal.ts';

type Id = { id: string };

/** The steps of a story, as an admin and a consumer do them over GraphQL. */
export function portal(server: E2eServer) {
  const admin = <T>(query: string, variables?: Record<string, unknown>) =>
    graphql<T>(server, query, variables);
  /** Waits while the request is PROVISIONING: APPROVED returns, FAILED throws its reason. */
  const provisioned = async (request: string) => {
    for (let i = 0; i < 150; i++) {
      const { node } = await admin<{ node: { status: string; failureReason: string | null } }>(
        `query State($id: ID!) { node(id: $id) { ... on AccessRequest { status failureReason } } }`,
        { id: request },
      );
      if (node.status === 'APPROVED') return;
      if (node.status === 'FAILED') throw new Error(`provisioning failed: ${node.failureReason}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('provisioning did not finish');
  };
  return {
    provider: async () =>
      (
        await admin<{ providers: { nodes: Id[] } }>(
          `query Providers { providers(first: 1) { nodes { id } } }`,
        )
      ).providers.nodes[0]!.id,
    organisation: async (name: string) =>
      (
        await admin<{ organisationCreate: { organisation: Id } }>(
          `mutation Org($name: String!) { organisationCreate(input: { name: $name }) { organisation { id } userErrors { code message } } }`,
          { name },
        )
      ).organisationCreate.organisation.id,
    consumer: async (organisation: string, name: string) => {
      const { userCreate } = await admin<{ userCreate: { token: string; user: Id } }>(
        `mutation Consumer($org: ID!, $name: String!) { userCreate(input: { role: CONSUMER, name: $name, organisation: $org }) { token user { id } userErrors { code message } } }`,
        { org: organisation, name },
      );
      return userCreate.token;
    },
    upload: async (provider: string, cert: TestCertificate, organisation: string) =>
      (
        await admin<{ certificateUpload: { certificate: Id } }>(
          `mutation Upload($input: CertificateUploadInput!) { certificateUpload(input: $input) { certificate { id } userErrors { code message } } }`,
          {
            input: { provider, pem: cert.pem, organisations: [organisation] },
          },
        )
      ).certificateUpload.certificate.id,
    /** Imports files of PEM bundles for an organisation; answers the report's counts. */
    import: async (provider: string, files: { name: string; text: string }[], organisation: string) =>
      (
        await admin<{ certificateImport: { report: { counts: Record<string, number> } } }>(
          `mutation Import($input: CertificateImportInput!) { certificateImport(input: $input) { report { counts { created restored updated refused } } userErrors { code message } } }`,
          { input: { provider, files, organisations: [organisation], namePattern: '{file}-{n}' } },
        )
      ).certificateImport.report.counts,
    rotate: async (from: string, pem: string) =>
      (
        await admin<{ certificateRotationStart: { step: { rotation: Id } } }>(
          `mutation Rotate($input: CertificateRotationStartInput!) { certificateRotationStart(input: $input) { step { rotation { id } } userErrors { code message } } }`,
          { input: { from, pem } },
        )
      ).certificateRotationStart.step.rotation.id,
    completeRotation: async (rotation: string) =>
      (
        await admin<{ certificateRotationComplete: { userErrors: { code: string }[] } }>(
          `mutation Complete($input: CertificateRotationInput!) { certificateRotationComplete(input: $input) { step { rotation { status } } userErrors { code message } } }`,
          { input: { rotation } },
        )
      ).certificateRotationComplete.userErrors,
    /** expiringCertificates(withinDays:) as the admin reads it. */
    expiring: async (withinDays: number) =>
      (
        await admin<{
          expiringCertificates: {
            nodes: {
              certificate: Id;
              daysLeft: number;
              liveKeys: number;
              apps: { name: string }[];
              organisations: Id[];
            }[];
          };
        }>(
          `query Expiring($days: Int!) { expiringCertificates(withinDays: $days, first: 100) { nodes { certificate { id } daysLeft liveKeys apps { name } organisations { id } } } }`,
          { days: withinDays },
        )
      ).expiringCertificates.nodes,
    suspend: async (certificate: string, reason: string) =>
      (
        await admin<{ certificateSuspend: { userErrors: { code: string }[] } }>(
          `mutation Suspend($input: CertificateSuspendInput!) { certificateSuspend(input: $input) { certificate { id } userErrors { code message } } }`,
          { input: { certificate, reason } },
        )
      ).certificateSuspend.userErrors,
    resume: async (certificate: string) =>
      (
        await admin<{ certificateResume: { userErrors: { code: string }[] } }>(
          `mutation Resume($input: CertificateResumeInput!) { certificateResume(input: $input) { certificate { id } userErrors { code message } } }`,
          { input: { certificate } },
        )
      ).certificateResume.userErrors,
    /** Why an APPROVED request has no access now (null when it has). */
    /** expiryScanRun: what the scan recorded (each transition also becomes a webhook event). */
    expiryScan: async () =>
      (
        await admin<{
          expiryScanRun: { expiryScan: { ran: boolean; expiringSoon: number; expired: number } };
        }>(
          `mutation Scan { expiryScanRun { expiryScan { ran expiringSoon expired } userErrors { code message } } }`,
        )
      ).expiryScanRun.expiryScan,
    /** webhookDeliveries, newest first: each event's id, type and status. */
    deliveries: async () =>
      (
        await admin<{ webhookDeliveries: { nodes: { id: string; type: string; status: string }[] } }>(
          `query Deliveries { webhookDeliveries(first: 100) { nodes { id type status } } }`,
        )
      ).webhookDeliveries.nodes,
    accessLost: async (request: string) =>
      (
        await admin<{ node: { accessLostReason: string | null } }>(
          `query Lost($id: ID!) { node(id: $id) { ... on AccessRequest { accessLostReason } } }`,
          { id: request },
        )
      ).node.accessLostReason,
    product: async (provider: string, name: string, mode: 'MANAGED' | 'SELF_SERVE', bind: boolean) =>
      (
        await admin<{ productCreate: { product: Id } }>(
          `mutation Product($input: ProductCreateInput!) { productCreate(input: $input) { product { id } userErrors { code message } } }`,
          {
            input: {
              provider,
              name,
              apiIds: [PAYMENTS_API, LEDGER_API],
              certificateMode: mode,
              bindCertificateToToken: bind,
            },
          },
        )
      ).productCreate.product.id,
    /** A plan of 100 requests a minute; `quota`: at most that many an hour (default: unlimited). */
    plan: async (name: string, quota?: number) =>
      (
        await admin<{ planCreate: { plan: Id } }>(
          `mutation Plan($input: PlanCreateInput!) { planCreate(input: $input) { plan { id } userErrors { code message } } }`,
          {
            input: {
              name,
              rate: 100,
              per: 60,
              ...(quota === undefined ? {} : { quotaMax: quota, quotaRenewalRate: 3600 }),
            },
          },
        )
      ).planCreate.plan.id,
    /** accessRequestChangePlan, then waits until the request is APPROVED on its new plan. */
    changePlan: async (request: string, plan: string) => {
      await admin(
        `mutation ChangePlan($input: AccessRequestChangePlanInput!) { accessRequestChangePlan(input: $input) { accessRequest { id } userErrors { code message } } }`,
        { input: { accessRequest: request, plan } },
      );
      await provisioned(request);
    },
    request: async (
      token: string,
      input: { product: string; plan: string; appName: string; pem?: string },
    ) => {
      const { appCreate } = await graphql<{ appCreate: { app: Id } }>(
        server,
        `mutation App($name: String!) { appCreate(input: { name: $name }) { app { id } userErrors { code message } } }`,
        { name: input.appName },
        token,
      );
      const certificate = input.pem ? { upload: { pem: input.pem, name: 'my client' } } : undefined;
      const { accessRequestSubmit } = await graphql<{ accessRequestSubmit: { accessRequest: Id } }>(
        server,
        `mutation Submit($input: AccessRequestSubmitInput!) { accessRequestSubmit(input: $input) { accessRequest { id } userErrors { code message } } }`,
        { input: { app: appCreate.app.id, product: input.product, plan: input.plan, certificate } },
        token,
      );
      return accessRequestSubmit.accessRequest.id;
    },
    approve: async (request: string) => {
      await admin(
        `mutation Approve($id: ID!) { accessRequestApprove(input: { accessRequest: $id }) { accessRequest { id } userErrors { code message } } }`,
        { id: request },
      );
      await provisioned(request);
    },
    token: async (consumerToken: string, request: string) => {
      const { node } = await graphql<{ node: { credentials: { token: string }[] } }>(
        server,
        `query Token($id: ID!) { node(id: $id) { ... on AccessRequest { credentials { token } } } }`,
        { id: request },
        consumerToken,
      );
      return node.credentials[0]!.token;
    },
  };
}
