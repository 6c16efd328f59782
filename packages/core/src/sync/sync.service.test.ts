import { expect, it } from 'vitest';
import { type Actor, systemActor } from '../actor.ts';
import { createCore } from '../core.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import { describeDatabases } from '../testing/describe-databases.ts';
import { insertTestProvider } from '../testing/fixtures.ts';
import { insertRun } from './sync.repo.ts';

const ADMIN: Actor = systemActor('test');

describeDatabases('sync runs by id', (ctx) => {
  const core = () => createCore({ db: ctx.db, secrets: new SecretBox(SecretBox.generateKey()) });

  it('reads any number of runs in one statement; unknown ids are absent', async () => {
    const [one, two] = [await insertTestProvider(ctx.db), await insertTestProvider(ctx.db)];
    const finishedAt = new Date('2026-03-01T00:01:00Z');
    const runs = [
      await insertRun(ctx.db, { providerId: one.id, trigger: 'SCHEDULE', status: 'SUCCEEDED', finishedAt }),
      await insertRun(ctx.db, {
        providerId: one.id,
        trigger: 'MANUAL',
        status: 'FAILED',
        error: 'timeout',
        finishedAt,
      }),
      await insertRun(ctx.db, { providerId: two.id, trigger: 'MANUAL' }),
    ];
    const wanted = [runs[2]!.id, 'syn_unknown', runs[0]!.id, runs[1]!.id, runs[0]!.id];
    const { result, statements } = await ctx.countStatements(() => core().sync.byIds(wanted, ADMIN));
    expect(statements).toHaveLength(1);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect([...result].sort(byId)).toEqual([...runs].sort(byId));
    expect(await core().sync.byIds(['syn_unknown'], ADMIN)).toEqual([]);
    expect(await core().sync.byIds([], ADMIN)).toEqual([]);
    // Sync runs are an admin's: a consumer reads none of them.
    expect(
      await core().sync.byIds(wanted, { kind: 'CONSUMER', userId: 'usr_x', organisationId: 'org_x' }),
    ).toEqual([]);
  });
});
