import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { MockDashboardEnv } from './env.ts';

export const USAGE = `Usage: mock-dashboard [options]

  --port N               Dashboard API port (default 3000; 0 = any free port)
  --gateway-port N       Gateway HTTPS port (default 8443; 0 = any free port)
  --gateway-http-port N  also serve the gateway over plain HTTP (shows "TLS not enabled")
  --host ADDR            interface to listen on (default 127.0.0.1)
  --seed FILE            JSON seed: orgs, Dashboard API keys, APIs, certificates, keys
  --admin-key KEY        X-Mock-Admin-Key for /_mock/* (default: random, printed)
  --page-size N          Dashboard page_size (default 10)
  --state-file FILE      keep the state in FILE across restarts (starts from it when it exists)
  --help                 show this text

Environment: MOCK_DASHBOARD_{HOST,PORT,GATEWAY_PORT,GATEWAY_HTTP_PORT,ADMIN_KEY,SEED,PAGE_SIZE,STATE_FILE}.`;

const port = z.coerce.number().int().min(0).max(65_535);

const argsSchema = z.object({
  port: port.default(3000),
  gatewayPort: port.default(8443),
  gatewayHttpPort: port.optional(),
  host: z.string().min(1).default('127.0.0.1'),
  seed: z.string().min(1).optional(),
  adminKey: z.string().min(1).optional(),
  pageSize: z.coerce.number().int().positive().optional(),
  stateFile: z.string().min(1).optional(),
  help: z.boolean().default(false),
});

export type CliArgs = z.infer<typeof argsSchema>;

/**
 * Flags first, then the environment, then defaults; a repeated flag's last value wins (so
 * `pnpm start -- --seed other.json` overrides the script's seed). Throws a ZodError or a parseArgs TypeError.
 */
export function parseCliArgs(argv: readonly string[], env: MockDashboardEnv): CliArgs {
  const { values } = parseArgs({
    // `pnpm start -- --port 0` passes the `--` through; the CLI takes no positionals, so drop it.
    args: argv.filter((arg) => arg !== '--'),
    options: {
      port: { type: 'string' },
      'gateway-port': { type: 'string' },
      'gateway-http-port': { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'admin-key': { type: 'string' },
      'page-size': { type: 'string' },
      'state-file': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  return argsSchema.parse({
    port: values.port ?? env.MOCK_DASHBOARD_PORT,
    gatewayPort: values['gateway-port'] ?? env.MOCK_DASHBOARD_GATEWAY_PORT,
    gatewayHttpPort: values['gateway-http-port'] ?? env.MOCK_DASHBOARD_GATEWAY_HTTP_PORT,
    host: values.host ?? env.MOCK_DASHBOARD_HOST,
    seed: values.seed ?? env.MOCK_DASHBOARD_SEED,
    adminKey: values['admin-key'] ?? env.MOCK_DASHBOARD_ADMIN_KEY,
    pageSize: values['page-size'] ?? env.MOCK_DASHBOARD_PAGE_SIZE,
    stateFile: values['state-file'] ?? env.MOCK_DASHBOARD_STATE_FILE,
    help: values.help,
  });
}
