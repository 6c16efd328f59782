import { describeDatabases } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { longestList, MAX_VARIABLE_LIST_ITEMS } from '../src/http/variable-list-limit.ts';
import { MAX_NODE_IDS } from '../src/schema/nodes.ts';
import { gid } from './support/certificates.ts';
import { useServerHarness } from './support/harness.ts';

const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';

describeDatabases('what one request may cost', (ctx) => {
  const h = useServerHarness(ctx);

  it('refuses 30,000 ids in variables at once, with a typed error', async () => {
    const ids = Array.from({ length: 30_000 }, (_, i) => gid('Certificate', `crt_${i}`));
    const started = performance.now();
    const result = await h.gql('admin', NODES, { ids });
    // Generous: the refusal takes milliseconds; resolving the ids took 3.3 s.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'LIST_TOO_LONG',
      limit: MAX_VARIABLE_LIST_ITEMS,
    });
  });

  it(`answers at most ${MAX_NODE_IDS} ids per nodes call`, async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => gid('Organisation', `org_${i}`));
    const within = await h.gql('admin', NODES, { ids: ids(MAX_NODE_IDS) });
    expect(within.errors).toBeUndefined();
    expect(within.data.nodes).toHaveLength(MAX_NODE_IDS);
    const over = await h.gql('admin', NODES, { ids: ids(MAX_NODE_IDS + 1) });
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_IDS', limit: MAX_NODE_IDS });
  });

  it('answers null for a malformed or unknown id in its place (node too), and the others still resolve', async () => {
    const a = gid('Organisation', h.orgA.id);
    const ids = [a, 'not-a-global-id', Buffer.from('Nothing:1').toString('base64'), gid('PageInfo', 'x'), a];
    const result = await h.gql('admin', NODES, { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data.nodes).toEqual([{ id: a }, null, null, null, { id: a }]);
    for (const id of ids.slice(1, 4)) {
      expect(await h.gql('admin', 'query($id: ID!) { node(id: $id) { id } }', { id })).toEqual({
        data: { node: null },
      });
    }
  });
});

it('finds the longest list at any depth, without recursion', () => {
  expect(longestList({ a: [1, 2], b: { c: [[1, 2, 3]] } })).toBe(3);
  let deep: unknown = [1, 2, 3, 4];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  expect(longestList({ deep })).toBe(4);
  expect(longestList({ many: Array.from({ length: 500_000 }, () => 0) })).toBe(500_000);
});
