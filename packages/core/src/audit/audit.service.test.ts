import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { type Actor, systemActor } from '../actor.ts';
import { createCore } from '../core.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import { describeDatabases } from '../testing/describe-databases.ts';
import { type AuditEntry, recordAudit } from './audit.repo.ts';
import type { AuditEvent } from './audit.service.ts';
import {
  AUDIT_ACTIONS,
  AUDIT_SUBJECT_TYPES,
  type AuditAction,
  type AuditSubjectType,
} from './audit-catalogue.ts';

const ADMIN: Actor = { kind: 'ADMIN', userId: 'usr_admin' };
const CONSUMER: Actor = { kind: 'CONSUMER', userId: 'usr_dev', organisationId: 'org_a' };

const entry = (action: AuditAction, subjectId: string): AuditEntry => ({
  action,
  subjectType: action.split('.')[0] as AuditSubjectType,
  subjectId,
  after: { n: subjectId },
});

describeDatabases('audit log reader', (ctx) => {
  const core = () => createCore({ db: ctx.db, secrets: new SecretBox(SecretBox.generateKey()) });

  async function seed(): Promise<void> {
    // Separate statements give distinct `at`s; one statement gives several events the same `at`.
    await recordAudit(ctx.db, ADMIN, [entry('certificate.rename', 'crt_1')]);
    await recordAudit(ctx.db, systemActor('sync'), [
      entry('certificate.discover', 'crt_2'),
      entry('certificate.discover', 'crt_3'),
      entry('certificate.discover', 'crt_4'),
    ]);
    await recordAudit(ctx.db, ADMIN, [entry('organisation.create', 'org_1')]);
    // A second apart: two statements can share a millisecond on a fast machine, and the range
    // test below bounds by milliseconds (a Date), so the seed fixes the instants it relies on.
    await ctx.db.execute(
      sql`UPDATE audit_events SET at = CASE
        WHEN subject_id = 'crt_1' THEN '2026-12-01T10:00:00.000Z'::timestamptz
        WHEN subject_id = 'org_1' THEN '2026-12-01T10:00:02.000Z'::timestamptz
        ELSE '2026-12-01T10:00:01.000Z'::timestamptz END`,
    );
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
      'certificate.discover',
    ]);
    expect(await all({ action: 'organisation.create' })).toHaveLength(1);
    expect(await all({ action: 'user.create' })).toEqual([]);
  });

  it('filters by free text and by a time range', async () => {
    await seed();
    const ids = async (filter: object) => (await all(filter)).map((e) => e.subjectId).sort();
    // Any part of the action, subject type, subject id or actor, in any case; wildcards are literal.
    expect(await ids({ search: 'RENAME' })).toEqual(['crt_1']);
    expect(await ids({ search: 'system:sy' })).toEqual(['crt_2', 'crt_3', 'crt_4']);
    expect(await ids({ search: 'org_1' })).toEqual(['org_1']);
    expect(await ids({ search: 'crt%' })).toEqual([]);
    const events = await all();
    const discovered = events.find((e) => e.action === 'certificate.discover')!.at;
    expect(await ids({ since: discovered, until: new Date(discovered.getTime() + 1) })).toEqual([
      'crt_2',
      'crt_3',
      'crt_4',
    ]);
    expect(await ids({ until: discovered })).toEqual(['crt_1']);
    expect(await ids({ since: new Date(Date.now() + 60_000) })).toEqual([]);
  });

  it('refuses an action or subject type it does not record, and an empty range', async () => {
    const refused = async (filter: object) => (await core().audit.list(filter, { first: 10 }, ADMIN)).ok;
    expect(await core().audit.list({ action: 'nothing.here' } as never, { first: 10 }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['action'] },
    });
    expect(await refused({ subjectType: 'widget' })).toBe(false);
    const now = new Date();
    expect(await core().audit.list({ since: now, until: now }, { first: 10 }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['until'] },
    });
  });

  it('describes every action (`<subject>.<verb>`) and every subject type', () => {
    for (const [action, description] of Object.entries(AUDIT_ACTIONS)) {
      expect(action).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(description).toMatch(/^[A-Z].{10,}\.$/);
    }
    for (const description of Object.values(AUDIT_SUBJECT_TYPES)) expect(description).toMatch(/^[A-Z].+\.$/);
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
