import { systemActor } from '@repo/core';
import { describeDatabases } from '@repo/core/testing';
import { beforeEach, expect, it } from 'vitest';
import { gid, uploaded } from './support/certificates.ts';
import { type Caller, type Json, useServerHarness } from './support/harness.ts';

// Certificates of A, of B, of both, and of none; then everything a consumer can reach, by every
// path: lists, filters, nested fields, node/nodes, usage.
describeDatabases('nothing crosses organisations', (ctx) => {
  const h = useServerHarness(ctx);
  const ids: Record<'a' | 'b' | 'both' | 'none', string> = { a: '', b: '', both: '', none: '' };

  beforeEach(async () => {
    const o = (name: 'a' | 'b' | 'both' | 'none', organisationIds: string[]) =>
      uploaded(h, { name: `CN=${name}`, certificateName: name, organisationIds }).then((u) => {
        ids[name] = u.id;
      });
    await o('a', [h.orgA.id]);
    await o('b', [h.orgB.id]);
    await o('both', [h.orgA.id, h.orgB.id]);
    await o('none', []);
  });

  const names = async (caller: Caller, query: string, pick: (data: Json) => { name: string }[]) =>
    pick((await h.gql(caller, query)).data)
      .map((n) => n.name)
      .sort();

  it('certificates: a consumer lists its organisation’s, an admin every one', async () => {
    const query = '{ certificates { nodes { name } } }';
    const pick = (d: Json) => d.certificates.nodes;
    expect(await names('consumerA', query, pick)).toEqual(['a', 'both']);
    expect(await names('consumerB', query, pick)).toEqual(['b', 'both']);
    expect(await names('admin', query, pick)).toEqual(['a', 'b', 'both', 'none']);
  });

  it("filtering by another organisation gives nothing, not that organisation's certificates", async () => {
    const query = `{ certificates(filter: { organisation: "${gid('Organisation', h.orgB.id)}" }) { totalCount nodes { name } } }`;
    expect((await h.gql('consumerA', query)).data.certificates).toEqual({ totalCount: 0, nodes: [] });
    expect((await h.gql('admin', query)).data.certificates.totalCount).toBe(2);
  });

  it('a shared certificate shows a consumer only its own organisation, and no provider', async () => {
    const query = `{ node(id: "${ids.both}") { ... on Certificate { organisations { name } provider { name } } } }`;
    expect((await h.gql('consumerA', query)).data.node).toEqual({
      organisations: [{ name: 'Org A' }],
      provider: null,
    });
    expect((await h.gql('consumerB', query)).data.node).toEqual({
      organisations: [{ name: 'Org B' }],
      provider: null,
    });
    expect((await h.gql('admin', query)).data.node).toEqual({
      organisations: expect.arrayContaining([{ name: 'Org A' }, { name: 'Org B' }]),
      provider: { name: 'Mock' },
    });
  });

  it("global ids of another organisation's objects resolve to null", async () => {
    const [consumerB] = await h.core.users.all({ organisationId: h.orgB.id }, systemActor('test'));
    const foreign = [
      ids.b,
      ids.none,
      gid('Organisation', h.orgB.id),
      gid('User', consumerB!.id),
      gid('Provider', h.provider.id),
    ];
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    const result = await h.gql('consumerA', query, { ids: [ids.a, ...foreign] });
    expect(result.data.nodes).toEqual([{ id: ids.a }, null, null, null, null, null]);
    expect((await h.gql('admin', query, { ids: foreign })).data.nodes.every(Boolean)).toBe(true);
  });

  it('organisations, users and an organisation’s certificates stay inside the organisation', async () => {
    const orgs = await h.gql(
      'consumerA',
      '{ organisations { nodes { name certificates { nodes { name } } } } }',
    );
    expect(orgs.data.organisations.nodes).toEqual([
      { name: 'Org A', certificates: { nodes: expect.arrayContaining([{ name: 'a' }, { name: 'both' }]) } },
    ]);
    expect(orgs.data.organisations.nodes[0].certificates.nodes).toHaveLength(2);
    const users = await h.gql('consumerA', '{ users { nodes { role organisation { name } } } }');
    expect(users.data.users.nodes).toEqual([{ role: 'CONSUMER', organisation: { name: 'Org A' } }]);
    const filtered = await h.gql(
      'consumerA',
      `{ users(filter: { organisation: "${gid('Organisation', h.orgB.id)}" }) { nodes { id } } }`,
    );
    expect(filtered.data.users.nodes).toEqual([]);
  });

  it("certificateUsage of another organisation's certificate is NOT_FOUND, as an unknown one", async () => {
    const query = (id: string) =>
      `{ certificateUsage(certificate: "${id}") { usage { apis { name } } userErrors { code path } } }`;
    const notFound = { usage: null, userErrors: [{ code: 'NOT_FOUND', path: ['certificate'] }] };
    expect((await h.gql('consumerA', query(ids.b))).data.certificateUsage).toEqual(notFound);
    expect(
      (await h.gql('consumerA', query(gid('Certificate', 'crt_missing')))).data.certificateUsage,
    ).toEqual(notFound);
    expect((await h.gql('consumerA', query(ids.a))).data.certificateUsage).toEqual({
      usage: { apis: [] },
      userErrors: [],
    });
  });

  it('viewer is each caller', async () => {
    const query = '{ viewer { role organisation { name } } }';
    expect((await h.gql('consumerA', query)).data.viewer).toEqual({
      role: 'CONSUMER',
      organisation: { name: 'Org A' },
    });
    expect((await h.gql('consumerB', query)).data.viewer).toEqual({
      role: 'CONSUMER',
      organisation: { name: 'Org B' },
    });
    expect((await h.gql('admin', query)).data.viewer).toEqual({ role: 'ADMIN', organisation: null });
  });
});
