import type { Core } from '@repo/core';
import { describeDatabases } from '@repo/core/testing';
import { getIntrospectionQuery } from 'graphql';
import { expect, it } from 'vitest';
import { createYogaServer } from '../src/yoga.ts';
import { errorCodes, useServerHarness } from './support/harness.ts';

describeDatabases('HTTP surface', (ctx) => {
  const h = useServerHarness(ctx);
  const post = (body: string, headers: Record<string, string> = {}) =>
    h.yoga.fetch('http://portal.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.tokens.admin}`, ...headers },
      body,
    });

  it('/health answers 200; GET /graphql in a browser is GraphiQL', async () => {
    expect((await h.yoga.fetch('http://portal.test/health')).status).toBe(200);
    const page = await h.yoga.fetch('http://portal.test/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('mTLS Portal');
  });

  it('/metrics counts operations by name and certificates by status', async () => {
    await h.gql('admin', 'query ViewerName { viewer { name } }');
    const metrics = await (await h.yoga.fetch('http://portal.test/metrics')).text();
    expect(metrics).toContain(
      'graphql_operation_duration_seconds_count{operation="ViewerName",type="query",outcome="ok"} 1',
    );
    expect(metrics).toContain('portal_certificates{status="VALID"} 0');
    expect(metrics).toContain('# TYPE portal_sync_runs_total counter');
  });

  it('refuses bodies over the limit, declared or streamed', async () => {
    const small = createYogaServer(h.core, { maxBodyBytes: 200 });
    const big = JSON.stringify({ query: `{ viewer { name } } # ${'x'.repeat(300)}` });
    const declared = await small.fetch('http://portal.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    });
    expect(declared.status).toBe(413);
    const streamed = await small.fetch('http://portal.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const fine = await post(JSON.stringify({ query: '{ viewer { name } }' }));
    expect((await fine.json()).data.viewer.name).toBe('admin');
  });

  it('costs a fragment spread as much as the same selection inline', async () => {
    // The TUI's Providers page, inline and with its fields in a fragment (as clients write it).
    const fields = 'id name dashboardUrl gatewayUrl orgId requestTimeoutMs updatedAt';
    const inline = `{ providers(first: 100) { pageInfo { endCursor hasNextPage } nodes { ${fields} } } }`;
    const spread = `{ providers(first: 100) { pageInfo { endCursor hasNextPage } nodes { ...P } } }
      fragment P on Provider { ${fields} }`;
    const nested = `{ providers(first: 100) { pageInfo { endCursor hasNextPage } nodes { ...P } } }
      fragment P on Provider { ...Q } fragment Q on Provider { ${fields} }`;
    for (const query of [inline, spread, nested]) {
      const answer = await (await post(JSON.stringify({ query }))).json();
      expect(answer.errors, query).toBeUndefined();
      expect(answer.data.providers.nodes).toEqual(expect.any(Array));
    }
    // The limit still holds through fragments.
    let costly = '...Leaf';
    for (let i = 0; i < 6; i++) costly = `organisations { certificates { nodes { ${costly} } } }`;
    const tooCostly = await (
      await post(
        JSON.stringify({
          query: `{ certificates { nodes { ${costly} } } } fragment Leaf on Certificate { id }`,
        }),
      )
    ).json();
    expect(tooCostly.errors[0].message).toMatch(/Cost limit of 5000/);
  });

  it('limits cost, depth and aliases, but lets GraphiQL introspect', async () => {
    let costly = 'id';
    for (let i = 0; i < 6; i++) costly = `organisations { certificates { nodes { ${costly} } } }`;
    const tooCostly = await (
      await post(JSON.stringify({ query: `{ certificates { nodes { ${costly} } } }` }))
    ).json();
    expect(tooCostly.errors[0].message).toMatch(/Cost limit of 5000/);
    const introspection = await (await post(JSON.stringify({ query: getIntrospectionQuery() }))).json();
    expect(introspection.errors).toBeUndefined();
    let deep = 'id';
    for (let i = 0; i < 4; i++) deep = `organisations { certificates { nodes { ${deep} } } }`;
    const tooDeep = await (
      await post(JSON.stringify({ query: `{ certificates { nodes { ${deep} } } }` }))
    ).json();
    expect(tooDeep.data).toBeUndefined();
    expect(tooDeep.errors.map((e: { message: string }) => e.message).join()).toMatch(/depth limit of 10/i);
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: viewer { name }`).join(' ');
    const tooMany = await (await post(JSON.stringify({ query: `{ ${aliases} }` }))).json();
    expect(tooMany.errors[0].message).toMatch(/aliases/i);
  });

  it('masks unexpected errors; expected ones keep their code', async () => {
    const failing = Object.assign(Object.create(h.core.providers), {
      list: async () => {
        throw new Error('connection to postgres://user:secret@db failed');
      },
    });
    const core: Core = { ...h.core, providers: failing };
    const yoga = createYogaServer(core);
    const response = await yoga.fetch('http://portal.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.tokens.admin}` },
      body: JSON.stringify({ query: '{ providers { nodes { name } } }' }),
    });
    const body = await response.text();
    expect(body).toContain('Unexpected error.');
    expect(body).not.toContain('secret');
    expect(errorCodes(await h.gql('admin', '{ certificates(first: 500) { totalCount } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
