import { describe, expect, it } from 'vitest';
import { DEFAULT_URL, readConfig } from './config.ts';
import { AbortError } from './errors.ts';

describe('readConfig', () => {
  it('flags win over the environment', () => {
    const env = { MTLS_PORTAL_URL: 'http://env:1/graphql', MTLS_PORTAL_TOKEN: 'env-token' };
    expect(readConfig(['--url', 'http://flag:2/graphql', '--token', 't', '--read-only'], env, '/x')).toEqual({
      url: 'http://flag:2/graphql',
      token: 't',
      readOnly: true,
      cwd: '/x',
    });
    expect(readConfig([], env, '/x')).toMatchObject({
      url: 'http://env:1/graphql',
      token: 'env-token',
      readOnly: false,
    });
  });

  it('defaults the URL, resolves paths from INIT_CWD, and knows --help', () => {
    expect(readConfig(['--token', 't'], { INIT_CWD: '/home/me' }, '/x')).toMatchObject({
      url: DEFAULT_URL,
      cwd: '/home/me',
    });
    expect(readConfig(['--help'], {})).toBe('help');
    expect(readConfig(['--', '--help'], {})).toBe('help');
  });

  it('says what is missing or wrong in one line', () => {
    expect(() => readConfig([], {})).toThrow(AbortError);
    expect(() => readConfig([], {})).toThrow(/No token/);
    expect(() => readConfig(['--token', 't', '--url', 'ftp://x'], {})).toThrow(/not an http\(s\) URL/);
    expect(() => readConfig(['--nope'], {})).toThrow(/Unknown option/);
  });
});
