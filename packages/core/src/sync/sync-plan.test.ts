import { describe, expect, it } from 'vitest';
import type { CertificateBasics } from '../dashboard/dashboard-schemas.ts';
import { DEFAULT_HOLD_POLICY, type KnownCertificate, planSync, shouldHold } from './sync-plan.ts';

const ORG = '5e9d9544a1dcd60001d0ed20';
const hex = (n: number) => n.toString(16).padStart(64, '0');
const basics = (n: number, extra: Partial<CertificateBasics> = {}): CertificateBasics => ({
  id: ORG + hex(n),
  issuer_cn: 'CA',
  subject_cn: `cert ${n}`,
  dns_names: [`c${n}.test`],
  has_private: false,
  not_before: '2026-01-01T00:00:00Z',
  not_after: '2027-01-01T00:00:00Z',
  is_ca: false,
  ...extra,
});
const EARLIER = new Date('2026-11-01T00:00:00Z');
const LISTED_SINCE = new Date('2026-11-28T10:00:00Z');
const LATER = new Date('2026-11-28T10:00:05Z');
const known = (n: number, state: Partial<KnownCertificate> = {}): KnownCertificate => ({
  id: `crt_${n}`,
  tykId: ORG + hex(n),
  deletedAt: null,
  registeredAt: EARLIER,
  ...state,
});

describe('planSync', () => {
  it('inserts new, restores returning, soft-deletes missing and counts the rest', () => {
    const plan = planSync(
      [basics(1), basics(2), basics(3)],
      [known(1), known(2, { deletedAt: EARLIER }), known(4)],
    );
    expect(plan.insert.map((c) => c.subjectCn)).toEqual(['cert 3']);
    expect(plan.insert[0]).toMatchObject({
      sha256: hex(3),
      x5tS256: Buffer.from(hex(3), 'hex').toString('base64url'),
      subjectAltNames: ['dns:c3.test'],
      notAfter: '2027-01-01T00:00:00.000Z',
    });
    expect(plan.restore).toEqual(['crt_2']);
    expect(plan.softDelete).toEqual(['crt_4']);
    expect(plan.unchanged).toBe(1);
    expect(plan.liveBefore).toBe(2);
  });

  it('leaves unregistered portal rows and already deleted rows alone', () => {
    const plan = planSync([], [known(1, { registeredAt: null }), known(2, { deletedAt: EARLIER })]);
    expect(plan).toMatchObject({ insert: [], restore: [], softDelete: [], unchanged: 0 });
  });

  it('leaves rows uploaded or deleted in the portal after the listing started to the next run', () => {
    const plan = planSync(
      [basics(2)],
      [known(1, { registeredAt: LATER }), known(2, { deletedAt: LATER })],
      LISTED_SINCE,
    );
    expect(plan).toMatchObject({ insert: [], restore: [], softDelete: [], unchanged: 0 });
    const older = planSync([basics(2)], [known(1), known(2, { deletedAt: EARLIER })], LISTED_SINCE);
    expect(older).toMatchObject({ restore: ['crt_2'], softDelete: ['crt_1'] });
  });

  it('counts a certificate listed twice once', () => {
    expect(planSync([basics(1), basics(1)], []).insert).toHaveLength(1);
  });

  it('refuses a listing with an id that is not org + SHA-256', () => {
    expect(() => planSync([basics(1, { id: `${ORG}nothex` })], [])).toThrow(
      /not an org id followed by a SHA-256/,
    );
  });
});

describe('shouldHold', () => {
  const plan = (softDeletes: number, live: number) => ({
    insert: [],
    restore: [],
    unchanged: 0,
    softDelete: Array<string>(softDeletes).fill('crt_x'),
    liveBefore: live,
  });

  it('holds a run that removes more than half of the store and at least 10', () => {
    expect(shouldHold(plan(11, 20), DEFAULT_HOLD_POLICY)).toBe(true);
    expect(shouldHold(plan(10, 20), DEFAULT_HOLD_POLICY)).toBe(false);
    expect(shouldHold(plan(9, 9), DEFAULT_HOLD_POLICY)).toBe(false);
    expect(shouldHold(plan(10, 10), DEFAULT_HOLD_POLICY)).toBe(true);
  });
});
