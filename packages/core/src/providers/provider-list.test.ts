import { expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { createCore } from '../core.ts';
import { encodeKeysetCursor } from '../keyset-page.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import { describeDatabases } from '../testing/describe-databases.ts';
import { insertTestProvider } from '../testing/fixtures.ts';
import { walkPages } from '../testing/walk-pages.ts';

const ADMIN: Actor = { kind: 'ADMIN', userId: 'usr_admin' };
const CONSUMER: Actor = { kind: 'CONSUMER', userId: 'usr_dev', organisationId: 'org_a' };

describeDatabases('provider listing', (ctx) => {
  const core = () => createCore({ db: ctx.db, secrets: new SecretBox(SecretBox.generateKey()) });
  const seed = async (names: readonly string[]) => {
    for (const name of names) await insertTestProvider(ctx.db, { name });
  };
  const names = (pages: { name: string }[][]) => pages.map((page) => page.map((p) => p.name));

  it('pages by name, every provider once, one statement per page', async () => {
    await seed(['p-05', 'p-01', 'p-06', 'p-03', 'p-00', 'p-04', 'p-02']);
    const pages = await walkPages((after) => core().providers.list({ first: 3, after }, ADMIN));
    expect(names(pages)).toEqual([['p-00', 'p-01', 'p-02'], ['p-03', 'p-04', 'p-05'], ['p-06']]);
    const { statements } = await ctx.countStatements(() => core().providers.list({ first: 3 }, ADMIN));
    expect(statements).toHaveLength(1);
  });

  it('resumes after its cursor when providers are added before it, or its own row is removed', async () => {
    await seed(['p-00', 'p-01', 'p-02', 'p-03', 'p-04']);
    const first = await core().providers.list({ first: 2 }, ADMIN);
    if (!first.ok) throw first.error;
    await seed(['p-00a', 'p-02a']);
    await core().providers.remove(first.value.nodes[1]!.id, ADMIN);
    const rest = await walkPages((after) =>
      core().providers.list({ first: 2, after: after ?? first.value.pageInfo.endCursor! }, ADMIN),
    );
    expect(names(rest)).toEqual([
      ['p-02', 'p-02a'],
      ['p-03', 'p-04'],
    ]);
  });

  it('refuses consumers, and cursors it did not make without reading anything', async () => {
    await seed(['p-00']);
    expect(await core().providers.list({}, CONSUMER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const after of ['garbage', encodeKeysetCursor('organisations', { key: 'p-00', id: 'org_x' })]) {
      const { result, statements } = await ctx.countStatements(() => core().providers.list({ after }, ADMIN));
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: ['after'] } });
      expect(statements).toEqual([]);
    }
    expect(await core().providers.list({ first: 0 }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['first'] },
    });
  });
});
