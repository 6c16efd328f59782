import { expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { createCore } from '../core.ts';
import { encodeKeysetCursor } from '../keyset-page.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import { describeDatabases } from '../testing/describe-databases.ts';
import { insertTestOrganisation } from '../testing/fixtures.ts';
import { walkPages } from '../testing/walk-pages.ts';
import type { User } from './user.service.ts';

const ADMIN: Actor = { kind: 'ADMIN', userId: 'usr_admin' };

describeDatabases('user listing', (ctx) => {
  const core = () => createCore({ db: ctx.db, secrets: new SecretBox(SecretBox.generateKey()) });
  const names = (pages: User[][]) => pages.map((page) => page.map((u) => u.name));

  async function seed() {
    const a = await insertTestOrganisation(ctx.db, 'A');
    const b = await insertTestOrganisation(ctx.db, 'B');
    const create = async (name: string, organisationId?: string) => {
      const created = await core().users.create(
        organisationId ? { role: 'CONSUMER', name, organisationId } : { role: 'ADMIN', name },
        ADMIN,
      );
      if (!created.ok) throw created.error;
      return created.value.user;
    };
    // Same names on purpose: the id breaks the tie, so no user is skipped or shown twice.
    for (const name of ['dev', 'dev', 'ann', 'dev']) await create(name, a.id);
    for (const name of ['bob', 'dev']) await create(name, b.id);
    await create('root');
    return { a, b, create };
  }

  it('pages by name then id, every user once, one statement per page', async () => {
    await seed();
    const pages = await walkPages((after) => core().users.list({}, { first: 2, after }, ADMIN));
    expect(names(pages)).toEqual([['ann', 'bob'], ['dev', 'dev'], ['dev', 'dev'], ['root']]);
    const devs = pages.flat().filter((u) => u.name === 'dev');
    expect(devs.map((u) => u.id)).toEqual(devs.map((u) => u.id).sort());
    const { statements } = await ctx.countStatements(() =>
      core().users.list({ role: 'CONSUMER' }, { first: 2 }, ADMIN),
    );
    expect(statements).toHaveLength(1);
  });

  it('filters by organisation and role in SQL', async () => {
    const { b } = await seed();
    const ofB = await walkPages((after) =>
      core().users.list({ organisationId: b.id }, { first: 1, after }, ADMIN),
    );
    expect(names(ofB)).toEqual([['bob'], ['dev']]);
    const admins = await core().users.list({ role: 'ADMIN' }, {}, ADMIN);
    expect(admins.ok && admins.value.nodes.map((u) => u.name)).toEqual(['root']);
    expect(await core().users.list({ role: 'OWNER' as 'ADMIN' }, {}, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['role'] },
    });
  });

  it('resumes after its cursor when users are added before it, in the middle of a tie', async () => {
    const { a, create } = await seed();
    const first = await core().users.list({ organisationId: a.id }, { first: 2 }, ADMIN);
    if (!first.ok) throw first.error;
    expect(first.value.nodes.map((u) => u.name)).toEqual(['ann', 'dev']);
    await create('aaron', a.id);
    await create('carl', a.id);
    const rest = await walkPages((after) =>
      core().users.list(
        { organisationId: a.id },
        { first: 5, after: after ?? first.value.pageInfo.endCursor! },
        ADMIN,
      ),
    );
    expect(names(rest)).toEqual([['dev', 'dev']]);
  });

  it("keeps a consumer to its own organisation's users, and refuses foreign cursors unread", async () => {
    const { a, b } = await seed();
    const consumer: Actor = { kind: 'CONSUMER', userId: 'usr_dev', organisationId: b.id };
    const own = await walkPages((after) => core().users.list({}, { first: 1, after }, consumer));
    expect(names(own)).toEqual([['bob'], ['dev']]);
    const other = await core().users.list({ organisationId: a.id }, {}, consumer);
    expect(other.ok && other.value.nodes).toEqual([]);
    for (const after of ['garbage', encodeKeysetCursor('organisations', { key: 'A', id: a.id })]) {
      const { result, statements } = await ctx.countStatements(() =>
        core().users.list({}, { after }, consumer),
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: ['after'] } });
      expect(statements).toEqual([]);
    }
  });
});
