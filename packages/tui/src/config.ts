// Flags first, then the environment: the endpoint, the token and read-only mode.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { TuiEnv } from './env.ts';
import { AbortError } from './errors.ts';

export const DEFAULT_URL = 'http://127.0.0.1:4000/graphql';

export const USAGE = `Usage: mtls-tui [--url URL] [--token TOKEN] [--read-only]

  --url URL       the portal's GraphQL endpoint (env MTLS_PORTAL_URL; default ${DEFAULT_URL})
  --token TOKEN   an admin bearer token (env MTLS_PORTAL_TOKEN; \`pnpm start\` prints one)
  --read-only     hide every action that changes something
  --help          this text`;

export interface TuiConfig {
  readonly url: string;
  readonly token: string;
  readonly readOnly: boolean;
  /** Relative PEM paths are resolved from here. */
  readonly cwd: string;
}

const httpUrl = z.url({ protocol: /^https?$/ });

/** The configuration, `'help'` for --help, or an AbortError saying what is missing. */
export function readConfig(argv: readonly string[], env: TuiEnv, cwd = process.cwd()): TuiConfig | 'help' {
  let values: { url?: string; token?: string; 'read-only'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      // `pnpm tui -- --url …` hands the script a literal `--`; it separates nothing here.
      args: argv.filter((arg) => arg !== '--'),
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        'read-only': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new AbortError((error as Error).message, 'See --help.');
  }
  if (values.help) return 'help';
  const url = values.url ?? env.MTLS_PORTAL_URL ?? DEFAULT_URL;
  if (!httpUrl.safeParse(url).success) {
    throw new AbortError(`--url ${url} is not an http(s) URL.`, `Try --url ${DEFAULT_URL}.`);
  }
  const token = values.token ?? env.MTLS_PORTAL_TOKEN;
  if (!token) {
    throw new AbortError(
      'No token.',
      'Pass --token or set MTLS_PORTAL_TOKEN to the admin token `pnpm start` printed.',
    );
  }
  return { url, token, readOnly: values['read-only'] ?? false, cwd: env.INIT_CWD ?? cwd };
}
