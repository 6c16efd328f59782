import { expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { createCore } from '../core.ts';
import { encodeKeysetCursor } from '../keyset-page.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import { describeDatabases } from '../testing/describe-databases.ts';
import { insertTestOrganisation } from '../testing/fixtures.ts';
import { walkPages } from '../testing/walk-pages.ts';

const ADMIN: Actor = { kind: 'ADMIN', userId: 'usr_admin' };

describeDatabases('organisation listing', (ctx) => {
  const core = () => createCore({ db: ctx.db, secrets: new SecretBox(SecretBox.generateKey()) });
  const seed = async (names: readonly string[]) => {
    const rows = [];
    for (const name of names) rows.push(await insertTestOrganisation(ctx.db, name));
    return rows;
  };
  const names = (pages: { name: string }[][]) => pages.map((page) => page.map((o) => o.name));

  it('pages by name, filtered in SQL, one statement per page', async () => {
    await seed(['Org 5', 'Org 1', 'Other 6', 'Org 3', 'Org 0', 'Org 4', 'Org 2']);
    const all = await walkPages((after) => core().organisations.list({}, { first: 3, after }, ADMIN));
    expect(names(all)).toEqual([['Org 0', 'Org 1', 'Org 2'], ['Org 3', 'Org 4', 'Org 5'], ['Other 6']]);
    const found = await walkPages((after) =>
      core().organisations.list({ search: '  oRG ' }, { first: 4, after }, ADMIN),
    );
    expect(names(found)).toEqual([
      ['Org 0', 'Org 1', 'Org 2', 'Org 3'],
      ['Org 4', 'Org 5'],
    ]);
    const { statements } = await ctx.countStatements(() =>
      core().organisations.list({ search: 'org' }, { first: 3 }, ADMIN),
    );
    expect(statements).toHaveLength(1);
  });

  it('matches the search term literally: LIKE wildcards are plain characters', async () => {
    await seed(['100% Fruit', '100 Fruits', 'a_b', 'axb']);
    const percent = await core().organisations.list({ search: '0%' }, {}, ADMIN);
    expect(percent.ok && percent.value.nodes.map((o) => o.name)).toEqual(['100% Fruit']);
    const underscore = await core().organisations.list({ search: '_' }, {}, ADMIN);
    expect(underscore.ok && underscore.value.nodes.map((o) => o.name)).toEqual(['a_b']);
  });

  it('resumes after its cursor when organisations are added before it', async () => {
    await seed(['b', 'd', 'f', 'h']);
    const first = await core().organisations.list({}, { first: 2 }, ADMIN);
    if (!first.ok) throw first.error;
    await seed(['a', 'c', 'e']);
    const rest = await walkPages((after) =>
      core().organisations.list({}, { first: 2, after: after ?? first.value.pageInfo.endCursor! }, ADMIN),
    );
    expect(names(rest)).toEqual([['e', 'f'], ['h']]);
  });

  it("shows a consumer its own organisation only, and refuses another listing's cursor unread", async () => {
    const [a] = await seed(['A', 'B', 'C']);
    const consumer: Actor = { kind: 'CONSUMER', userId: 'usr_dev', organisationId: a!.id };
    const own = await walkPages((after) => core().organisations.list({}, { first: 1, after }, consumer));
    expect(names(own)).toEqual([['A']]);
    const elsewhere = await core().organisations.list({ search: 'B' }, {}, consumer);
    expect(elsewhere.ok && elsewhere.value.nodes).toEqual([]);
    for (const after of ['garbage', encodeKeysetCursor('users', { key: 'A', id: a!.id })]) {
      const { result, statements } = await ctx.countStatements(() =>
        core().organisations.list({}, { after }, ADMIN),
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: ['after'] } });
      expect(statements).toEqual([]);
    }
  });
});
