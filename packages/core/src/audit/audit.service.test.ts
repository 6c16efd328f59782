import { expect, it } from 'vitest';
import { type Actor, systemActor } from '../actor.ts';
import { createCore } from '../core.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import { describeDatabases } from '../testing/describe-databases.ts';
import { type AuditEntry, recordAudit } from './audit.repo.ts';
import type { AuditEvent } from './audit.service.ts';

const ADMIN: Actor = { kind: 'ADMIN', userId: 'usr_admin' };
const CONSUMER: Actor = { kind: 'CONSUMER', userId: 'usr_dev', organisationId: 'org_a' };

const entry = (action: string, subjectId: string): AuditEntry => ({
  action,
  subjectType: action.split('.')[0]!,
  subjectId,
  after: { n: subjectId },
});

describeDatabases('audit log reader', (ctx) => {
  const core = () => createCore({ db: ctx.db, secrets: new SecretBox(SecretBox.generateKey()) });

  async function seed(): Promise<void> {
    // Separate statements give distinct `at`s; one statement gives several events the same `at`.
    await recordAudit(ctx.db, ADMIN, [entry('certificate.rename', 'crt_1')]);
    await recordAudit(ctx.db, systemActor('sync'), [
      entry('certificate.create', 'crt_2'),
      entry('certificate.create', 'crt_3'),
      entry('certificate.create', 'crt_4'),
    ]);
    await recordAudit(ctx.db, ADMIN, [entry('organisation.create', 'org_1')]);
  }

  async function all(filter = {}, first = 2): Promise<AuditEvent[]> {
    const seen: AuditEvent[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await core().audit.list(filter, { first, after }, ADMIN);
      if (!page.ok) throw page.error;
      seen.push(...page.value.nodes);
      if (!page.value.pageInfo.hasNextPage) return seen;
      after = page.value.pageInfo.endCursor!;
    }
  }

  it('pages newest first by (at, id), every event once, one statement per page', async () => {
    await seed();
    const events = await all();
    expect(events).toHaveLength(5);
    const sorted = [...events].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));
    expect(events.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
    expect(events[0]!.action).toBe('organisation.create');
    expect(events.at(-1)!).toMatchObject({ action: 'certificate.rename', actor: 'usr_admin' });
    const { statements } = await ctx.countStatements(() => core().audit.list({}, { first: 2 }, ADMIN));
    expect(statements).toHaveLength(1);
  });

  it('filters by subject, actor and action, every field given must match', async () => {
    await seed();
    expect((await all({ actor: 'system:sync' })).map((e) => e.subjectId).sort()).toEqual([
      'crt_2',
      'crt_3',
      'crt_4',
    ]);
    expect((await all({ subjectType: 'certificate', actor: 'usr_admin' })).map((e) => e.subjectId)).toEqual([
      'crt_1',
    ]);
    expect((await all({ subjectType: 'certificate', subjectId: 'crt_3' })).map((e) => e.action)).toEqual([
      'certificate.create',
    ]);
    expect(await all({ action: 'organisation.create' })).toHaveLength(1);
    expect(await all({ action: 'nothing.here' })).toEqual([]);
  });

  it('refuses consumers, bad page sizes and cursors it did not make', async () => {
    await seed();
    expect(await core().audit.list({}, { first: 10 }, CONSUMER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await core().audit.byIds(['aud_x'], CONSUMER)).toEqual([]);
    expect(await core().audit.list({}, { first: 101 }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['first'] },
    });
    expect(await core().audit.list({}, { after: 'bm9wZQ' }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['after'] },
    });
    // A forged instant PostgreSQL would refuse (Date.parse takes 30 February) is refused before SQL.
    const forged = Buffer.from('["audit","2031-02-30T00:00:00.000000Z","aud_1"]').toString('base64url');
    expect(await core().audit.list({}, { after: forged }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['after'] },
    });
  });

  it('loads events by id for admins', async () => {
    await seed();
    const [first] = await all({ action: 'organisation.create' });
    expect((await core().audit.byIds([first!.id, 'aud_missing'], ADMIN)).map((e) => e.id)).toEqual([
      first!.id,
    ]);
  });
});
