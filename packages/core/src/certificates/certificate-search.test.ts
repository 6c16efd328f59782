import { describe, expect, it } from 'vitest';
import { escapeLike } from '../db/escape-like.ts';
import { decodeCursor, encodeCursor, parseSearchTerm } from './certificate-search.ts';

const SHA256 = 'ab'.repeat(32);
const ORG = '5e9d9544a1dcd60001d0ed20';

describe('parseSearchTerm', () => {
  it('reads free text as a lower-case prefix and as whole SAN entries of every type', () => {
    const term = parseSearchTerm('  Api.Example.com ');
    expect(term.fingerprint).toBeUndefined();
    expect(term.prefixPattern).toBe('api.example.com%');
    expect(term.sanEntries).toEqual([
      'dns:Api.Example.com',
      'dns:api.example.com',
      'ip:Api.Example.com',
      'ip:api.example.com',
      'email:Api.Example.com',
      'email:api.example.com',
      'uri:Api.Example.com',
      'uri:api.example.com',
    ]);
  });

  it('keeps a typed SAN entry as it is', () => {
    expect(parseSearchTerm('email:Dev@Example.com').sanEntries).toEqual([
      'email:Dev@Example.com',
      'email:dev@example.com',
    ]);
  });

  it('escapes LIKE wildcards so they match literally', () => {
    expect(parseSearchTerm('50%_off\\').prefixPattern).toBe('50\\%\\_off\\\\%');
    expect(escapeLike('a_b')).toBe('a\\_b');
  });

  it.each([
    ['SHA-256 hex', SHA256.toUpperCase(), { algorithm: 'SHA-256', hex: SHA256 }],
    ['SHA-256 with colons', SHA256.match(/../g)!.join(':'), { algorithm: 'SHA-256', hex: SHA256 }],
    ['x5t#S256', Buffer.from(SHA256, 'hex').toString('base64url'), { algorithm: 'SHA-256', hex: SHA256 }],
    ['a Tyk id', ORG + SHA256, { algorithm: 'SHA-256', hex: SHA256, orgId: ORG }],
    ['SHA-1', 'CD'.repeat(20), { algorithm: 'SHA-1', hex: 'cd'.repeat(20) }],
  ])('recognises %s as a fingerprint', (_, input, expected) => {
    expect(parseSearchTerm(input).fingerprint).toEqual(expected);
  });
});

describe('cursors', () => {
  it('round-trips a position', () => {
    const position = { sort: 'EXPIRY', key: '2027-01-01T00:00:00.000000Z', id: 'crt_1' } as const;
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    // notAfter as PostgreSQL writes it in JSON, in a session with another time zone.
    const jsonText = { sort: 'EXPIRY', key: '2027-01-01T01:00:00.123456+01:00', id: 'crt_3' } as const;
    expect(decodeCursor(encodeCursor(jsonText))).toEqual(jsonText);
    // The offsets PostgreSQL reads at most.
    const farOffset = { sort: 'EXPIRY', key: '2027-01-01T00:00:00-15:59', id: 'crt_4' } as const;
    expect(decodeCursor(encodeCursor(farOffset))).toEqual(farOffset);
    const byName = { sort: 'NAME', key: 'payments "client"', id: 'crt_2' } as const;
    expect(decodeCursor(encodeCursor(byName))).toEqual(byName);
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['another shape', Buffer.from('{"a":1}').toString('base64url')],
    ['an unknown sort', Buffer.from('[1,"SIZE","x","crt_1"]').toString('base64url')],
    ['a bad instant', Buffer.from('[1,"EXPIRY","soon","crt_1"]').toString('base64url')],
    [
      'a date PostgreSQL refuses',
      Buffer.from('[1,"EXPIRY","2027-02-30T00:00:00Z","crt_1"]').toString('base64url'),
    ],
    ['an hour past 24', Buffer.from('[1,"EXPIRY","2027-01-01T25:00:00Z","crt_1"]').toString('base64url')],
    // Date reads these; PostgreSQL has no year 0 and refuses offsets past ±15:59.
    ['year 0000', Buffer.from('[1,"EXPIRY","0000-01-01T00:00:00Z","crt_1"]').toString('base64url')],
    [
      'an offset of +20:00',
      Buffer.from('[1,"EXPIRY","2027-01-01T00:00:00+20:00","crt_1"]').toString('base64url'),
    ],
    [
      'an offset of -16:00',
      Buffer.from('[1,"EXPIRY","2027-01-01T00:00:00-16:00","crt_1"]').toString('base64url'),
    ],
    ['a NUL in a name key', Buffer.from('[1,"NAME","x\\u0000","crt_1"]').toString('base64url')],
    ['a NUL in the id', Buffer.from('[1,"NAME","x","crt_\\u0000"]').toString('base64url')],
    ['a date without a time', Buffer.from('[1,"EXPIRY","2027-01-01","crt_1"]').toString('base64url')],
    ['an empty id', Buffer.from('[1,"NAME","x",""]').toString('base64url')],
    ['another version', Buffer.from('[2,"NAME","x","crt_1"]').toString('base64url')],
  ])('refuses %s', (_, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
