import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** `.data` at the repository root: the demo's database and its generated secrets. */
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));

const port = z.coerce.number().int().min(0).max(65_535);
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const secretKey = z
  .string()
  .refine(
    (key) => Buffer.from(key, 'base64').length === 32,
    'must be 32 bytes, base64 (openssl rand -base64 32)',
  );

const envSchema = z
  .object({
    PORT: port.default(4000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
    MTLS_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
    PGLITE_DIR: z.string().min(1).optional(),
    MTLS_SECRET_KEY: secretKey.optional(),
    MTLS_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    DASHBOARD_URL: httpUrl.optional(),
    DASHBOARD_API_KEY: z.string().min(1).optional(),
    DASHBOARD_ORG_ID: z.string().min(1).optional(),
    DASHBOARD_GATEWAY_URL: httpUrl.optional(),
    DASHBOARD_NAME: z.string().min(1).default('Tyk Dashboard'),
    SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(600),
    /** How often the expiry scan runs (it also runs once at start); 0 = only at start. */
    EXPIRY_SCAN_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(86_400),
    PROVISIONING_POLL_SECONDS: z.coerce.number().min(0).default(5),
    /** Open GraphQL subscriptions one token may hold at once. */
    MTLS_MAX_SUBSCRIPTIONS_PER_TOKEN: z.coerce.number().int().min(1).default(20),
    /** Certificate and access events are POSTed here, signed with MTLS_WEBHOOK_SECRET. */
    MTLS_WEBHOOK_URL: httpUrl.optional(),
    MTLS_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    const dashboard = ['DASHBOARD_URL', 'DASHBOARD_API_KEY', 'DASHBOARD_ORG_ID'] as const;
    const given = dashboard.filter((name) => env[name] !== undefined);
    if (given.length > 0 && given.length < dashboard.length) {
      for (const name of dashboard.filter((n) => env[n] === undefined)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `is required with ${given.join(', ')}` });
      }
    }
    if ((env.MTLS_WEBHOOK_URL === undefined) !== (env.MTLS_WEBHOOK_SECRET === undefined)) {
      const missing = env.MTLS_WEBHOOK_URL === undefined ? 'MTLS_WEBHOOK_URL' : 'MTLS_WEBHOOK_SECRET';
      const given = missing === 'MTLS_WEBHOOK_URL' ? 'MTLS_WEBHOOK_SECRET' : 'MTLS_WEBHOOK_URL';
      ctx.addIssue({ code: 'custom', path: [missing], message: `is required with ${given}` });
    }
    // Only the demo (embedded database) may generate its own secrets.
    if (env.DATABASE_URL !== undefined) {
      for (const name of ['MTLS_SECRET_KEY', 'MTLS_ADMIN_TOKEN'] as const) {
        if (env[name] === undefined)
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required with DATABASE_URL' });
      }
    }
  });

export type ServerEnv = z.output<typeof envSchema>;

/** Invalid configuration: `message` lists every problem, one variable per line. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** The only module that reads `process.env` (house style B9). Empty variables count as unset. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  return parseEnv(envSchema, source);
}

/**
 * `source` through `schema`, empty variables counting as unset; an EnvError lists every problem,
 * one variable per line. Shared with the packages that start the portal (the demo's settings).
 */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv): z.output<S> {
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(set);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
}
