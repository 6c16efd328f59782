import { expect, it } from 'vitest';
import { type Actor, systemActor } from '../actor.ts';
import { createCore } from '../core.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import {
  insertTestCertificateOrganisations,
  insertTestCertificates,
} from '../testing/certificate-fixtures.ts';
import { describeDatabases } from '../testing/describe-databases.ts';
import { insertTestOrganisation, insertTestProvider } from '../testing/fixtures.ts';

const ADMIN: Actor = { kind: 'ADMIN', userId: 'usr_admin' };

describeDatabases('certificates: what an actor may see', (ctx) => {
  const core = () => createCore({ db: ctx.db, secrets: new SecretBox(SecretBox.generateKey()) });

  /** Organisations A and B; certificates of A, of B, of both, of neither, and a soft-deleted one of A. */
  async function seed() {
    const provider = await insertTestProvider(ctx.db);
    const [a, b] = [await insertTestOrganisation(ctx.db, 'A'), await insertTestOrganisation(ctx.db, 'B')];
    const rows = await insertTestCertificates(ctx.db, provider, [
      { name: 'of A' },
      { name: 'of B' },
      { name: 'of both' },
      { name: 'of neither' },
      { name: 'of A, deleted', deletedAt: new Date('2026-06-01T00:00:00Z') },
    ]);
    const id = (name: string) => rows.find((r) => r.name === name)!.id;
    await insertTestCertificateOrganisations(ctx.db, [
      { certificateId: id('of A'), organisationId: a.id },
      { certificateId: id('of B'), organisationId: b.id },
      { certificateId: id('of both'), organisationId: a.id },
      { certificateId: id('of both'), organisationId: b.id },
      { certificateId: id('of A, deleted'), organisationId: a.id },
    ]);
    const consumerOf = (organisationId: string): Actor => ({
      kind: 'CONSUMER',
      userId: 'usr_dev',
      organisationId,
    });
    return {
      ids: [...rows.map((r) => r.id), 'crt_missing'],
      id,
      consumerA: consumerOf(a.id),
      consumerB: consumerOf(b.id),
    };
  }

  it("gives a consumer only its organisation's certificates, in one statement", async () => {
    const { ids, consumerA, consumerB } = await seed();
    const names = async (actor: Actor) => {
      const { result, statements } = await ctx.countStatements(() => core().certificates.byIds(ids, actor));
      expect(statements).toHaveLength(1);
      return result.map((c) => c.name).sort();
    };
    expect(await names(consumerA)).toEqual(['of A', 'of A, deleted', 'of both']);
    expect(await names(consumerB)).toEqual(['of B', 'of both']);
    expect(await names({ kind: 'CONSUMER', userId: 'usr_dev', organisationId: 'org_none' })).toEqual([]);
    const everything = ['of A', 'of A, deleted', 'of B', 'of both', 'of neither'];
    expect(await names(ADMIN)).toEqual(everything);
    expect(await names(systemActor('test'))).toEqual(everything);
    expect(await core().certificates.byIds([], consumerA)).toEqual([]);
  });

  it('refuses a consumer the usage of a certificate it may not see, without asking the Dashboard', async () => {
    const { id, consumerA } = await seed();
    // The provider's Dashboard is unreachable (and its key unreadable): only NOT_FOUND can come back.
    for (const name of ['of B', 'of neither']) {
      expect(await core().certificates.usage(id(name), consumerA)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    expect(await core().certificates.usage('crt_missing', consumerA)).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });
});
