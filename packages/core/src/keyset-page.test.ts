import { describe, expect, it } from 'vitest';
import { isInstantText } from './db/instant-text.ts';
import { decodeKeysetCursor, encodeKeysetCursor, parseKeysetPage } from './keyset-page.ts';

describe('keyset cursors', () => {
  it('round-trip for their own listing only', () => {
    const cursor = encodeKeysetCursor('users', { key: 'Ada', id: 'usr_1' });
    expect(decodeKeysetCursor('users', cursor)).toEqual({ key: 'Ada', id: 'usr_1' });
    expect(decodeKeysetCursor('organisations', cursor)).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['a JSON number', Buffer.from('1').toString('base64url')],
    ['an empty id', Buffer.from('["users","Ada",""]').toString('base64url')],
    ['a key that is no string', Buffer.from('["users",1,"usr_1"]').toString('base64url')],
    ['an extra element', Buffer.from('["users","Ada","usr_1",1]').toString('base64url')],
    // SQL text cannot hold U+0000.
    ['a NUL in the key', Buffer.from('["users","Ada\\u0000","usr_1"]').toString('base64url')],
    ['a NUL in the id', Buffer.from('["users","Ada","usr_\\u0000"]').toString('base64url')],
  ])('refuse %s', (_what, cursor) => {
    expect(decodeKeysetCursor('users', cursor)).toBeUndefined();
  });

  it('take an instant key only as the repositories write it', () => {
    expect(isInstantText('2031-01-01T00:00:00.123456Z')).toBe(true);
    expect(isInstantText('2031-01-01T00:00:00.123Z')).toBe(false);
    expect(isInstantText('2031-02-30T00:00:00.000000Z')).toBe(false);
    // Date reads year 0000; PostgreSQL has none (1 BC precedes 1 AD).
    expect(isInstantText('0000-01-01T00:00:00.000000Z')).toBe(false);
    expect(isInstantText('0001-01-01T00:00:00.000000Z')).toBe(true);
    expect(isInstantText('9999-12-31T23:59:59.999999Z')).toBe(true);
    expect(isInstantText('1')).toBe(false);
  });

  it('parse a page: INVALID_INPUT for a size out of range or a foreign cursor', () => {
    expect(parseKeysetPage('users', {})).toEqual({ ok: true, value: { first: 50, after: undefined } });
    expect(parseKeysetPage('users', { first: 101 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['first'] },
    });
    const foreign = encodeKeysetCursor('providers', { key: 'x', id: 'prv_1' });
    expect(parseKeysetPage('users', { after: foreign })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['after'] },
    });
  });
});
