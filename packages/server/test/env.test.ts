import { expect, it } from 'vitest';
import { readEnv } from '../src/env.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');

it('needs nothing for the demo: defaults everywhere', () => {
  const env = readEnv({});
  expect(env).toMatchObject({ PORT: 4000, HOST: '127.0.0.1', SYNC_INTERVAL_SECONDS: 600, LOG_LEVEL: 'info' });
  expect(env.DATABASE_URL).toBeUndefined();
  expect(env.MTLS_DATA_DIR).toMatch(/\.data$/);
});

it('treats empty variables as unset', () => {
  expect(readEnv({ PORT: '', DATABASE_URL: '' }).PORT).toBe(4000);
});

it('lists every problem, one variable per line', () => {
  expect(() => readEnv({ PORT: 'eighty', MTLS_SECRET_KEY: 'short', LOG_LEVEL: 'loud' })).toThrowError(
    /Invalid configuration:\n {2}PORT: .*\n {2}MTLS_SECRET_KEY: must be 32 bytes, base64 \(openssl rand -base64 32\)\n {2}LOG_LEVEL: /,
  );
});

it('a configured database needs the secret key and the admin token', () => {
  expect(() => readEnv({ DATABASE_URL: 'postgres://db/portal' })).toThrowError(
    /MTLS_SECRET_KEY: is required with DATABASE_URL\n {2}MTLS_ADMIN_TOKEN: is required with DATABASE_URL/,
  );
  expect(() => readEnv({ DATABASE_URL: 'mysql://db' })).toThrowError(
    /DATABASE_URL: must be a postgres:\/\/ URL/,
  );
  const env = readEnv({
    DATABASE_URL: 'postgres://db/portal',
    MTLS_SECRET_KEY: KEY,
    MTLS_ADMIN_TOKEN: 'a'.repeat(16),
  });
  expect(env.DATABASE_URL).toBe('postgres://db/portal');
});

it('a Dashboard is configured whole or not at all', () => {
  expect(() => readEnv({ DASHBOARD_URL: 'https://dashboard.example.com' })).toThrowError(
    /DASHBOARD_API_KEY: is required with DASHBOARD_URL\n {2}DASHBOARD_ORG_ID: is required with DASHBOARD_URL/,
  );
  const env = readEnv({
    DASHBOARD_URL: 'https://d.example.com',
    DASHBOARD_API_KEY: 'k',
    DASHBOARD_ORG_ID: 'o',
  });
  expect(env.DASHBOARD_NAME).toBe('Tyk Dashboard');
});

it('a webhook needs its URL and its secret together', () => {
  expect(() => readEnv({ MTLS_WEBHOOK_URL: 'https://hooks.example.com/mtls' })).toThrowError(
    /MTLS_WEBHOOK_SECRET: is required with MTLS_WEBHOOK_URL/,
  );
  expect(() => readEnv({ MTLS_WEBHOOK_SECRET: 'a-long-enough-secret' })).toThrowError(
    /MTLS_WEBHOOK_URL: is required with MTLS_WEBHOOK_SECRET/,
  );
  expect(() => readEnv({ MTLS_WEBHOOK_URL: 'ftp://x', MTLS_WEBHOOK_SECRET: 'short' })).toThrowError(
    /MTLS_WEBHOOK_URL: must be an http\(s\) URL\n {2}MTLS_WEBHOOK_SECRET: must be at least 16 characters/,
  );
  const env = readEnv({
    MTLS_WEBHOOK_URL: 'https://hooks.example.com/mtls',
    MTLS_WEBHOOK_SECRET: 'a-long-enough-secret',
  });
  expect(env.MTLS_WEBHOOK_URL).toBe('https://hooks.example.com/mtls');
});
