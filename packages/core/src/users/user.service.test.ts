import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { createCore } from '../core.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import { describeDatabases } from '../testing/describe-databases.ts';
import { hashUserToken } from './user-token.ts';

const ADMIN: Actor = { kind: 'ADMIN', userId: 'usr_admin' };

describeDatabases('organisations and users', (ctx) => {
  const core = () => createCore({ db: ctx.db, secrets: new SecretBox(SecretBox.generateKey()) });

  it('creates a consumer whose token is shown once and stored only as a hash', async () => {
    const org = await core().organisations.create('Acme', ADMIN);
    if (!org.ok) throw org.error;
    const created = await core().users.create(
      { role: 'CONSUMER', name: 'Dev', organisationId: org.value.id },
      ADMIN,
    );
    if (!created.ok) throw created.error;
    expect(created.value.token).toMatch(/^mtp_[A-Za-z0-9_-]{43}$/);
    const rows = await ctx.db.query.users.findMany();
    expect(rows[0]!.tokenHash).toBe(hashUserToken(created.value.token));
    expect(JSON.stringify(rows)).not.toContain(created.value.token);
    expect(JSON.stringify(created.value.user)).not.toContain(rows[0]!.tokenHash);
    const auth = await core().users.authenticate(created.value.token);
    expect(auth?.actor).toEqual({
      kind: 'CONSUMER',
      userId: created.value.user.id,
      organisationId: org.value.id,
    });
    expect(await core().users.authenticate('mtp_wrong')).toBeUndefined();
    expect(await core().users.authenticate('')).toBeUndefined();
  });

  it('keeps a consumer inside its organisation', async () => {
    const a = await core().organisations.create('A', ADMIN);
    const b = await core().organisations.create('B', ADMIN);
    if (!a.ok || !b.ok) throw new Error('setup');
    const consumer: Actor = { kind: 'CONSUMER', userId: 'usr_x', organisationId: a.value.id };
    const visible = await core().organisations.list({}, {}, consumer);
    expect(visible.ok && visible.value.nodes.map((o) => o.name)).toEqual(['A']);
    expect((await core().organisations.get(b.value.id, consumer)).ok).toBe(false);
    expect((await core().organisations.byIds([a.value.id, b.value.id], consumer)).map((o) => o.name)).toEqual(
      ['A'],
    );
    expect(await core().organisations.create('C', consumer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await core().users.create({ role: 'ADMIN', name: 'sneaky' }, consumer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('refuses a duplicate organisation name, an empty one, and a consumer without a real organisation', async () => {
    await core().organisations.create('Acme', ADMIN);
    expect(await core().organisations.create('Acme', ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'ORGANISATION_NAME_TAKEN' },
    });
    expect(await core().organisations.create('  ', ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['name'] },
    });
    expect(
      await core().users.create({ role: 'CONSUMER', name: 'x', organisationId: 'org_nope' }, ADMIN),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', path: ['organisationId'] },
    });
    expect(await ctx.db.query.users.findMany()).toEqual([]);
  });

  it('bootstraps the configured admin once, whatever the number of starts', async () => {
    const first = await core().users.ensureAdmin('mtp_configured-admin-token');
    const second = await core().users.ensureAdmin('mtp_configured-admin-token');
    expect(second.id).toBe(first.id);
    expect((await core().users.authenticate('mtp_configured-admin-token'))?.actor).toEqual({
      kind: 'ADMIN',
      userId: first.id,
    });
  });
});

describe('user tokens', () => {
  it('are random', async () => {
    const { generateUserToken } = await import('./user-token.ts');
    expect(generateUserToken()).not.toBe(generateUserToken());
  });
});
