import { describe, expect, it } from 'vitest';
import { actorName, auditFilter, enumWords, fieldChanges, subjectName } from './audit.ts';

describe('audit wording', () => {
  it('words enum values and actors', () => {
    expect(enumWords('CERTIFICATE_SET_ORGANISATIONS')).toBe('certificate set organisations');
    expect(actorName({ kind: 'SYSTEM', component: 'sync', userId: null, user: null })).toBe('system: sync');
    expect(actorName({ kind: 'USER', component: null, userId: 'VXNlcjp1', user: { name: 'Ada' } })).toBe(
      'Ada',
    );
    expect(actorName({ kind: 'USER', component: null, userId: 'VXNlcjp1', user: null })).toBe(
      'removed user VXNlcjp1',
    );
  });

  it('names subjects by what a person calls them', () => {
    expect(subjectName({ __typename: 'Certificate', certificateName: null, subjectCn: 'api.acme' })).toBe(
      'api.acme',
    );
    expect(subjectName({ __typename: 'Organisation', name: 'Acme' })).toBe('Acme');
    const request = {
      __typename: 'AccessRequest' as const,
      app: { name: 'billing' },
      product: { name: 'Pay' },
    };
    expect(subjectName(request)).toBe('billing → Pay');
    expect(subjectName(null)).toBeUndefined();
  });

  it('reads dates out of the filter and keeps the rest as free text', () => {
    expect(auditFilter('')).toEqual({});
    expect(auditFilter('  rename  ')).toEqual({ search: 'rename' });
    expect(auditFilter('since:2026-12-01 until:2026-12-02T10:30 system:sync')).toEqual({
      since: '2026-12-01T00:00:00.000Z',
      until: '2026-12-02T10:30:00.000Z',
      search: 'system:sync',
    });
    expect(auditFilter('until:2026-12-02')).toEqual({ until: '2026-12-03T00:00:00.000Z' });
    expect(auditFilter('since:yesterday')).toEqual({ search: 'since:yesterday' });
    expect(auditFilter('since:2026-02-30')).toEqual({ search: 'since:2026-02-30' });
  });

  it('lists changed fields first, with both values', () => {
    expect(fieldChanges({ name: 'a', n: 1 }, { name: 'b', n: 1, tags: ['x'] })).toEqual([
      { field: 'name', before: '"a"', after: '"b"', changed: true },
      { field: 'tags', before: undefined, after: '["x"]', changed: true },
      { field: 'n', before: '1', after: '1', changed: false },
    ]);
    expect(fieldChanges(null, null)).toEqual([]);
  });
});
