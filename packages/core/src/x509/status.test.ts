import { describe, expect, it } from 'vitest';
import { certificateStatus } from './status.ts';

const DAY = 86_400_000;
const at = new Date('2026-11-28T12:00:00Z');
const window = (fromDays: number, toDays: number) => ({
  notBefore: new Date(at.getTime() + fromDays * DAY),
  notAfter: new Date(at.getTime() + toDays * DAY),
});

describe('certificateStatus', () => {
  it.each([
    ['NOT_YET_VALID', window(1, 400)],
    ['VALID', window(-1, 31)],
    ['EXPIRING_SOON', window(-1, 30)],
    ['EXPIRING_SOON', window(-400, 0)],
    ['EXPIRED', window(-400, -1 / 86_400)],
  ] as const)('%s for %o', (status, cert) => {
    expect(certificateStatus(cert, at)).toBe(status);
  });

  it('takes the warning threshold in days', () => {
    expect(certificateStatus(window(-1, 20), at, 14)).toBe('VALID');
    expect(certificateStatus(window(-1, 14), at, 14)).toBe('EXPIRING_SOON');
  });
});
