import { describe, expect, it } from 'vitest';
import { jsonBody } from './json-body.ts';

describe('jsonBody', () => {
  it('writes bigints as exact JSON numbers and leaves everything else to JSON.stringify', () => {
    const value = {
      quota_max: 2n ** 63n - 1n,
      low: -1n,
      list: [9007199254740993n],
      name: 'int64:"x"',
      n: 1.5,
    };
    expect(jsonBody(value)).toBe(
      '{"quota_max":9223372036854775807,"low":-1,"list":[9007199254740993],"name":"int64:\\"x\\"","n":1.5}',
    );
    expect(jsonBody({ a: 1 })).toBe(JSON.stringify({ a: 1 }));
  });
});
