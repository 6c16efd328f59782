import { describe, expect, it } from 'vitest';
import { type Evaluations, fail, notApplicable, pass, undecided } from './evaluation.ts';
import { assembleVerdict } from './report.ts';

const allPass = (): Record<keyof Evaluations, Evaluations[keyof Evaluations]> => ({
  TLS_CLIENT_CERTIFICATE: pass('presented'),
  ALLOW_LIST: pass('listed'),
  TOKEN_PRESENT: pass('sent'),
  TOKEN_KNOWN: pass('known'),
  JWT_VALID: notApplicable('not JWT'),
  CERTIFICATE_BINDING: notApplicable('no bindings'),
  KEY_ACTIVE: pass('active'),
  KEY_NOT_EXPIRED: pass('not expired'),
  ACCESS_RIGHTS: pass('rights'),
  QUOTA: notApplicable('no quota'),
});

describe('assembleVerdict', () => {
  it('passes when every applicable check passes', () => {
    const verdict = assembleVerdict(allPass());
    expect(verdict).toMatchObject({ wouldPass: true, firstFailure: null, unverified: [] });
    expect(verdict.checks.map((s) => s.outcome)).toEqual([
      'PASS',
      'PASS',
      'PASS',
      'PASS',
      'NOT_APPLICABLE',
      'NOT_APPLICABLE',
      'PASS',
      'PASS',
      'PASS',
      'NOT_APPLICABLE',
    ]);
  });

  it('answers with the first failure in the Gateway order and skips the rest, keeping their own result', () => {
    const verdict = assembleVerdict({
      ...allPass(),
      KEY_ACTIVE: fail(403, 'Key is inactive, please renew', 'inactive'),
      ACCESS_RIGHTS: fail(403, 'Access to this API has been disallowed', 'no rights'),
    });
    expect(verdict.firstFailure).toEqual({
      check: 'KEY_ACTIVE',
      status: 403,
      body: { error: 'Key is inactive, please renew' },
    });
    expect(verdict.checks.slice(6)).toMatchObject([
      { check: 'KEY_ACTIVE', outcome: 'FAIL', refusal: { status: 403 } },
      { check: 'KEY_NOT_EXPIRED', outcome: 'SKIPPED', ifReached: 'PASS' },
      { check: 'ACCESS_RIGHTS', outcome: 'SKIPPED', ifReached: 'FAIL' },
      { check: 'QUOTA', outcome: 'NOT_APPLICABLE' },
    ]);
    expect(verdict.checks[8]!.detail).toMatch(/^Not reached: the Gateway answers at KEY_ACTIVE\./);
    expect(verdict.wouldPass).toBe(false);
  });

  it('does not claim a pass when a check before any failure is undecided', () => {
    const verdict = assembleVerdict({ ...allPass(), ALLOW_LIST: undecided('CA without DER') });
    expect(verdict).toMatchObject({ wouldPass: false, firstFailure: null, unverified: ['ALLOW_LIST'] });
    expect(verdict.checks[1]).toEqual({ check: 'ALLOW_LIST', outcome: 'SKIPPED', detail: 'CA without DER' });
  });

  it('does not list as unverified what the Gateway never reaches', () => {
    const verdict = assembleVerdict({
      ...allPass(),
      TOKEN_PRESENT: fail(401, 'Authorization field missing', 'no token'),
      TOKEN_KNOWN: undecided('no token'),
    });
    expect(verdict.unverified).toEqual([]);
    expect(verdict.checks[3]).toMatchObject({ outcome: 'SKIPPED' });
    expect(verdict.checks[3]).not.toHaveProperty('ifReached');
  });
});
