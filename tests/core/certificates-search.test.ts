import { type Actor, type CertificateFilter, createCore, SecretBox } from '@repo/core';
import {
  describeDatabases,
  insertTestCertificates,
  insertTestOrganisation,
  insertTestProvider,
} from '@repo/core/testing';
import { certificateStatus } from '@repo/core/x509';
import { expect, it } from 'vitest';
import { uploadNew } from '../support/certificate-helpers.ts';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';

const DAY = 86_400_000;
const NOW = new Date('2030-06-01T00:00:00Z');
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

describeDatabases('certificates: list and search', (ctx) => {
  const h = useCoreHarness(ctx);
  // The same database, with the clock pinned for the status rules.
  const pinned = () =>
    createCore({ db: ctx.db, secrets: new SecretBox(SecretBox.generateKey()), clock: () => NOW });

  async function names(filter: CertificateFilter, actor: Actor = ADMIN, core = pinned()): Promise<string[]> {
    const page = await core.certificates.list(filter, { first: 100, sort: 'NAME' }, actor);
    if (!page.ok) throw page.error;
    return page.value.nodes.map((n) => n.name ?? '');
  }

  it('filters by status computed from the validity dates and the clock', async () => {
    const rows = await insertTestCertificates(ctx.db, h.provider, [
      { name: 'not yet', notBefore: at(1), notAfter: at(400) },
      { name: 'valid', notBefore: at(-10), notAfter: at(31) },
      { name: 'window edge', notBefore: at(-10), notAfter: at(30) },
      { name: 'last instant', notBefore: at(-10), notAfter: NOW },
      { name: 'expired', notBefore: at(-10), notAfter: new Date(NOW.getTime() - 1) },
      { name: 'deleted valid', notBefore: at(-10), notAfter: at(300), deletedAt: at(-1) },
    ]);
    expect(await names({ status: 'NOT_YET_VALID' })).toEqual(['not yet']);
    expect(await names({ status: 'VALID' })).toEqual(['valid']);
    expect(await names({ status: 'EXPIRING_SOON' })).toEqual(['last instant', 'window edge']);
    expect(await names({ status: 'EXPIRED' })).toEqual(['expired']);
    expect(await names({ status: ['EXPIRED', 'NOT_YET_VALID'] })).toEqual(['expired', 'not yet']);
    // expiringWithinDays is a filter of its own: valid now and ending within the days given.
    expect(await names({ expiringWithinDays: 60 })).toEqual(['last instant', 'valid', 'window edge']);
    expect(await names({ status: 'EXPIRING_SOON', expiringWithinDays: 60 })).toEqual([
      'last instant',
      'window edge',
    ]);
    // …and it never changes a status: 'valid' (31 days left) reads VALID under a 60-day filter.
    const wide = await pinned().certificates.list({ expiringWithinDays: 60 }, {}, ADMIN);
    expect(wide.ok && wide.value.nodes.find((n) => n.name === 'valid')?.status).toBe('VALID');
    // Each node's status is the x509 rule at the same instant: SQL and TypeScript agree.
    const all = await pinned().certificates.list({ deleted: 'INCLUDE' }, { first: 100 }, ADMIN);
    for (const node of all.ok ? all.value.nodes : []) {
      const row = rows.find((r) => r.id === node.id)!;
      expect(node.status).toBe(certificateStatus(row, NOW));
    }
  });

  it('leaves soft-deleted certificates out unless asked', async () => {
    await insertTestCertificates(ctx.db, h.provider, [{ name: 'live' }, { name: 'gone', deletedAt: NOW }]);
    expect(await names({})).toEqual(['live']);
    expect(await names({ deleted: 'INCLUDE' })).toEqual(['gone', 'live']);
    expect(await names({ deleted: 'ONLY' })).toEqual(['gone']);
  });

  it('filters by provider and organisation', async () => {
    const other = await insertTestProvider(ctx.db);
    const org = await insertTestOrganisation(ctx.db);
    const [mine] = await insertTestCertificates(ctx.db, h.provider, [{ name: 'mine' }, { name: 'mine too' }]);
    await insertTestCertificates(ctx.db, other, [{ name: 'theirs' }]);
    expect((await h.core.certificates.setOrganisations(mine!.id, [org.id], ADMIN)).ok).toBe(true);
    expect(await names({ providerId: h.provider.id })).toEqual(['mine', 'mine too']);
    expect(await names({ providerId: other.id })).toEqual(['theirs']);
    expect(await names({ organisationId: org.id })).toEqual(['mine']);
  });

  it('shows a consumer only the certificates of its organisation', async () => {
    const [acme, globex] = [await insertTestOrganisation(ctx.db), await insertTestOrganisation(ctx.db)];
    const [a, b] = await insertTestCertificates(ctx.db, h.provider, [
      { name: 'acme' },
      { name: 'globex' },
      { name: 'none' },
    ]);
    await h.core.certificates.setOrganisations(a!.id, [acme!.id], ADMIN);
    await h.core.certificates.setOrganisations(b!.id, [globex!.id], ADMIN);
    const consumer: Actor = { kind: 'CONSUMER', userId: 'usr_dev', organisationId: acme!.id };
    expect(await names({}, consumer)).toEqual(['acme']);
    expect(await names({ organisationId: globex!.id }, consumer)).toEqual([]);
    expect(await names({})).toEqual(['acme', 'globex', 'none']);
  });

  it("brings each row's organisations in the same statement, a consumer's own only", async () => {
    const [acme, globex] = [await insertTestOrganisation(ctx.db), await insertTestOrganisation(ctx.db)];
    const [both, none] = await insertTestCertificates(ctx.db, h.provider, [
      { name: 'both' },
      { name: 'none' },
    ]);
    await h.core.certificates.setOrganisations(both!.id, [globex!.id, acme!.id], ADMIN);
    const rows = async (actor: Actor) => {
      const page = await h.core.certificates.list({}, { first: 10, sort: 'NAME' }, actor);
      if (!page.ok) throw page.error;
      return page.value.nodes.map((n) => [n.id, n.organisations.map((o) => o.id)]);
    };
    // By name, as the organisation loader would give them, with their dates read back as dates.
    const byName = [acme!, globex!].sort((x, y) => x.name.localeCompare(y.name));
    expect(await rows(ADMIN)).toEqual([
      [both!.id, byName.map((o) => o.id)],
      [none!.id, []],
    ]);
    const page = await h.core.certificates.list({}, { first: 1, sort: 'NAME' }, ADMIN);
    const listed = page.ok ? page.value.nodes[0]!.organisations : [];
    expect(listed.map((o) => o.createdAt.getTime())).toEqual(byName.map((o) => o.createdAt.getTime()));
    const consumer: Actor = { kind: 'CONSUMER', userId: 'usr_dev', organisationId: acme!.id };
    expect(await rows(consumer)).toEqual([[both!.id, [acme!.id]]]);
  });

  it("orders a row's organisations by name whatever their ids, on every row of the page", async () => {
    // Ids grow with time: made in this order, their names run against their ids.
    const byId = [];
    for (const name of ['organisation c', 'organisation b', 'organisation a']) {
      byId.push(await insertTestOrganisation(ctx.db, name));
    }
    expect([...byId].sort((x, y) => (x.id < y.id ? -1 : 1)).map((o) => o.name)).toEqual([
      'organisation c',
      'organisation b',
      'organisation a',
    ]);
    const certificates = await insertTestCertificates(ctx.db, h.provider, [{ name: 'one' }, { name: 'two' }]);
    for (const certificate of certificates) {
      await h.core.certificates.setOrganisations(
        certificate.id,
        byId.map((o) => o.id),
        ADMIN,
      );
    }
    const page = await h.core.certificates.list({}, { first: 10, sort: 'NAME' }, ADMIN);
    if (!page.ok) throw page.error;
    for (const node of page.value.nodes) {
      expect(node.organisations.map((o) => o.name)).toEqual([
        'organisation a',
        'organisation b',
        'organisation c',
      ]);
    }
  });

  it('matches text against a prefix of the name or subject CN, or a whole SAN entry, ignoring case', async () => {
    await insertTestCertificates(ctx.db, h.provider, [
      { name: 'Payments client', subjectCn: 'pay.example.com', subjectAltNames: ['dns:pay.example.com'] },
      {
        name: 'reports',
        subjectCn: 'Reports-Gateway',
        subjectAltNames: ['dns:api.example.com', 'email:ops@example.com'],
      },
      { name: '100% sure', subjectCn: 'x', subjectAltNames: [] },
    ]);
    expect(await names({ search: 'PAYM' })).toEqual(['Payments client']);
    expect(await names({ search: 'pay.ex' })).toEqual(['Payments client']);
    expect(await names({ search: 'reports-g' })).toEqual(['reports']);
    expect(await names({ search: 'API.example.com' })).toEqual(['reports']);
    expect(await names({ search: 'email:ops@example.com' })).toEqual(['reports']);
    expect(await names({ search: 'example.com' })).toEqual([]); // a SAN matches whole, not by suffix
    expect(await names({ search: '100%' })).toEqual(['100% sure']);
    expect(await names({ search: '%' })).toEqual([]); // wildcards are literal
  });

  it('finds a certificate by every fingerprint form', async () => {
    const { certificate } = await uploadNew(h, { certificateName: 'target' });
    await uploadNew(h, { certificateName: 'decoy' });
    const { sha256, sha1, x5tS256, tykId } = certificate;
    const colons = (hex: string) => hex.toUpperCase().match(/../g)!.join(':');
    for (const form of [
      sha256,
      sha256.toUpperCase(),
      colons(sha256),
      `SHA256 Fingerprint=${colons(sha256)}`,
      x5tS256,
      `x5t#S256:${x5tS256}`,
      tykId,
      sha1!,
      colons(sha1!),
      sha256.slice(0, 8), // a prefix of at least 8 hex digits, of either fingerprint
      colons(sha256.slice(0, 12)),
      sha1!.slice(0, 10),
    ]) {
      expect(await names({ search: form }, ADMIN, h.core), form).toEqual(['target']);
    }
    expect(await names({ search: `aaaaaaaaaaaaaaaaaaaaaaaa${sha256}` }, ADMIN, h.core)).toEqual([]);
    // Seven hex digits are too few to be taken for a fingerprint (and match no name here).
    expect(await names({ search: sha256.slice(0, 7) }, ADMIN, h.core)).toEqual([]);
    expect(tykId.startsWith(ORG_ID)).toBe(true);
  });

  it('refuses an invalid filter', async () => {
    const page = await h.core.certificates.list({ status: 'REVOKED' as never }, {}, ADMIN);
    expect(!page.ok && page.error).toMatchObject({ code: 'INVALID_INPUT', path: ['status'] });
    const days = await h.core.certificates.list({ expiringWithinDays: 0 }, {}, ADMIN);
    expect(!days.ok && days.error).toMatchObject({ code: 'INVALID_INPUT', path: ['expiringWithinDays'] });
  });
});
