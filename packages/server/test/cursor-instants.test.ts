import { describeDatabases } from '@repo/core/testing';
import { GraphQLError, type GraphQLScalarType } from 'graphql';
import { expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { errorCodes, useServerHarness } from './support/harness.ts';

// Cursors carry an instant (or a name) as text that is cast in SQL. One forged with an instant
// PostgreSQL cannot hold (year 0000, an offset past ±15:59) or a NUL failed the statement as
// INTERNAL_SERVER_ERROR; it is refused like any other foreign cursor.

/** A keyset cursor as core encodes one: `[listing, key, id]`. */
const keysetCursor = (listing: string, key: string, id: string) =>
  Buffer.from(JSON.stringify([listing, key, id])).toString('base64url');
/** A certificate cursor as core encodes one: `[1, sort, key, id]`. */
const certificateCursor = (sort: string, key: string, id: string) =>
  Buffer.from(JSON.stringify([1, sort, key, id])).toString('base64url');

const RUNS = 'query($after: String) { syncRuns(after: $after) { nodes { id } } }';
const EVENTS = 'query($after: String) { auditEvents(after: $after) { nodes { id } } }';
const ORGANISATIONS = 'query($after: String) { organisations(after: $after) { nodes { id } } }';
const REQUESTS = `query($after: String, $filter: AccessRequestFilter) {
  accessRequests(after: $after, filter: $filter) { nodes { id } }
}`;
const CERTIFICATES = `query($after: String, $orderBy: CertificateOrder) {
  certificates(after: $after, orderBy: $orderBy) { totalCount }
}`;

describeDatabases('cursors PostgreSQL cannot read', (ctx) => {
  const h = useServerHarness(ctx);

  it.each([
    ['syncRuns, year 0000', RUNS, keysetCursor('syncRuns', '0000-01-01T00:00:00.000000Z', 'syn_1')],
    [
      'accessRequests, year 0000',
      REQUESTS,
      keysetCursor('accessRequests', '0000-06-30T12:00:00.000000Z', 'acr_1'),
    ],
    ['auditEvents, year 0000', EVENTS, keysetCursor('audit', '0000-12-31T23:59:59.999999Z', 'aud_1')],
    ['organisations, a NUL in the name', ORGANISATIONS, keysetCursor('organisations', 'Org\u0000', 'org_1')],
    ['organisations, a NUL in the id', ORGANISATIONS, keysetCursor('organisations', 'Org A', 'org_\u0000')],
    [
      'certificates, offset +20:00',
      CERTIFICATES,
      certificateCursor('EXPIRY', '2031-01-01T00:00:00+20:00', 'crt_1'),
    ],
    [
      'certificates, offset -16:00',
      CERTIFICATES,
      certificateCursor('EXPIRY', '2031-01-01T00:00:00-16:00', 'crt_1'),
    ],
    [
      'certificates, year 0000',
      CERTIFICATES,
      certificateCursor('EXPIRY', '0000-01-01T00:00:00.000000Z', 'crt_1'),
    ],
  ])('refuses %s as INVALID_INPUT naming after', async (_what, query, after) => {
    const result = await h.gql('admin', query, { after });
    expect(errorCodes(result)).toEqual(['INVALID_INPUT']);
    expect(result.errors![0]!.message).toMatch(/^after is not a cursor/);
  });

  it('refuses a NUL in a certificate name cursor', async () => {
    const after = certificateCursor('NAME', 'alpha\u0000', 'crt_1');
    expect(errorCodes(await h.gql('admin', CERTIFICATES, { after, orderBy: 'NAME' }))).toEqual([
      'INVALID_INPUT',
    ]);
  });

  it('refuses a created range outside the years 0001 to 9999, by variable or inline', async () => {
    for (const createdFrom of ['0000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z']) {
      expect(errorCodes(await h.gql('admin', REQUESTS, { filter: { createdFrom } }))).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
    const inline = '{ accessRequests(filter: { createdTo: "0000-12-31T00:00:00Z" }) { nodes { id } } }';
    expect(errorCodes(await h.gql('admin', inline))).toEqual(['BAD_USER_INPUT']);
    const edge = await h.gql('admin', REQUESTS, { filter: { createdFrom: '0001-01-01T00:00:00Z' } });
    expect(edge.errors).toBeUndefined();
  });

  it('still reads cursors at the edges PostgreSQL accepts', async () => {
    const edges = [
      [RUNS, keysetCursor('syncRuns', '0001-01-01T00:00:00.000000Z', 'syn_1')],
      [CERTIFICATES, certificateCursor('EXPIRY', '2031-01-01T00:00:00+15:59', 'crt_1')],
      [CERTIFICATES, certificateCursor('EXPIRY', '9999-12-31T23:59:59.999999-15:59', 'crt_1')],
    ] as const;
    for (const [query, after] of edges)
      expect((await h.gql('admin', query, { after })).errors).toBeUndefined();
  });
});

it('DateTime input refuses instants outside the years 0001 to 9999, which PostgreSQL cannot be sent', () => {
  const dateTime = schema.getType('DateTime') as GraphQLScalarType;
  for (const text of ['0000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z']) {
    let thrown: unknown;
    try {
      dateTime.parseValue(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown, text).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
  }
  expect(dateTime.parseValue('0001-01-01T00:00:00Z')).toEqual(new Date('0001-01-01T00:00:00Z'));
  expect(dateTime.parseValue('9999-12-31T23:59:59.999Z')).toEqual(new Date('9999-12-31T23:59:59.999Z'));
});
