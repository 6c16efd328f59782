import { describeDatabases, makeCertificate } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { gid, uploaded } from './support/certificates.ts';
import { useServerHarness } from './support/harness.ts';

const STEP =
  '{ step { rotation { id status from { name } to { subjectCn organisations { name } } } changes { apiIds } } userErrors { code path } }';

describeDatabases('certificate rotation over GraphQL', (ctx) => {
  const h = useServerHarness(ctx);

  it('starts with a new PEM, lists it, completes once, and names each refusal', async () => {
    const { id: from } = await uploaded(h, { certificateName: 'fleet-old', organisationIds: [h.orgA.id] });
    const next = await makeCertificate({ name: 'CN=fleet-new' });
    const start = (input: Record<string, unknown>) =>
      h.gql(
        'admin',
        `mutation($input: CertificateRotationStartInput!) { certificateRotationStart(input: $input) ${STEP} }`,
        {
          input,
        },
      );
    const finish = (verb: 'Complete' | 'Cancel', rotation: string) =>
      h.gql(
        'admin',
        `mutation($input: CertificateRotationInput!) { certificateRotation${verb}(input: $input) ${STEP} }`,
        {
          input: { rotation },
        },
      );

    expect((await start({ from })).data.certificateRotationStart.userErrors).toEqual([
      { code: 'INVALID_INPUT', path: ['input', 'to'] },
    ]);
    expect(
      (await start({ from, pem: 'not a certificate' })).data.certificateRotationStart.userErrors,
    ).toEqual([{ code: 'PEM_NO_CERTIFICATE', path: ['input', 'pem'] }]);
    const started = (await start({ from, pem: next.pem })).data.certificateRotationStart;
    expect(started).toMatchObject({
      step: {
        rotation: {
          status: 'OVERLAP',
          from: { name: 'fleet-old' },
          to: { subjectCn: 'fleet-new', organisations: [{ name: 'Org A' }] },
        },
        changes: [],
      },
      userErrors: [],
    });
    const rotation = started.step.rotation.id as string;
    expect((await start({ from, pem: next.pem })).data.certificateRotationStart.userErrors).toEqual([
      { code: 'CERTIFICATE_ROTATION_ACTIVE', path: ['input', 'from'] },
    ]);
    const LIST = `query($filter: CertificateRotationFilter) {
      certificateRotations(filter: $filter) { nodes { id status } pageInfo { hasNextPage } }
    }`;
    const listed = async (filter: object) =>
      (await h.gql('admin', LIST, { filter })).data.certificateRotations;
    expect(await listed({ status: ['OVERLAP'] })).toEqual({
      nodes: [{ id: rotation, status: 'OVERLAP' }],
      pageInfo: { hasNextPage: false },
    });
    expect((await listed({ from })).nodes).toEqual([{ id: rotation, status: 'OVERLAP' }]);
    expect((await listed({ to: from })).nodes).toEqual([]);
    expect((await listed({ status: ['COMPLETED'] })).nodes).toEqual([]);
    const node = await h.gql(
      'admin',
      `{ node(id: "${rotation}") { __typename ... on CertificateRotation { status } } }`,
    );
    expect(node.data.node).toEqual({ __typename: 'CertificateRotation', status: 'OVERLAP' });

    expect((await finish('Complete', rotation)).data.certificateRotationComplete.step.rotation.status).toBe(
      'COMPLETED',
    );
    expect((await finish('Cancel', rotation)).data.certificateRotationCancel.userErrors).toEqual([
      { code: 'CERTIFICATE_ROTATION_FINISHED', path: null },
    ]);
    expect(
      (await finish('Complete', gid('CertificateRotation', 'rot_01m8gzzzzzzzzzzzzzzzzzzzzz'))).data
        .certificateRotationComplete.userErrors,
    ).toEqual([{ code: 'NOT_FOUND', path: ['input', 'rotation'] }]);
    // Org A's consumer sees the rotation of its certificate (and the node); org B's sees neither.
    const seen = async (caller: 'consumerA' | 'consumerB') =>
      (await h.gql(caller, '{ certificateRotations { nodes { id status } } }')).data.certificateRotations
        .nodes;
    expect(await seen('consumerA')).toEqual([{ id: rotation, status: 'COMPLETED' }]);
    expect(await seen('consumerB')).toEqual([]);
    const nodeAs = async (caller: 'consumerA' | 'consumerB') =>
      (await h.gql(caller, `{ node(id: "${rotation}") { id } }`)).data.node;
    expect([await nodeAs('consumerA'), await nodeAs('consumerB')]).toEqual([{ id: rotation }, null]);
  });
});
