import { GraphQLError } from 'graphql';
import { builder } from './builder.ts';

// Output only (the audit log's before/after): an object as JSON, not JSON text in a String, so a
// client reads its fields without a second parse. Nothing takes it as input.
builder.scalarType('JSON', {
  description: 'A JSON value, as it is: an object, array, string, number, boolean or null.',
  serialize: (value) => value,
  parseValue: () => {
    throw new GraphQLError('JSON is an output type only.', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});

builder.scalarType('DateTime', {
  description: 'An instant, written in ISO 8601 in UTC with milliseconds: `2026-11-28T09:30:00.000Z`.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) {
      throw new GraphQLError('A DateTime must be an ISO 8601 string such as 2026-11-28T09:30:00Z.', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    // Dates reach PostgreSQL as ISO text in UTC, which it reads for the years 0001 to 9999 only:
    // year 0000, a negative or a six-digit year would fail the statement instead.
    const year = date.getUTCFullYear();
    if (year < 1 || year > 9999) {
      throw new GraphQLError('A DateTime must fall in the years 0001 to 9999 (UTC).', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return date;
  },
});
