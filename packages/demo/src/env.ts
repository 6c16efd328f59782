import { parseEnv } from '@repo/server/env';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

const envSchema = z.object({
  /** The demo mock's Dashboard API port; 0 (default) picks a free one. */
  DEMO_DASHBOARD_PORT: port.default(0),
  /** The demo mock's Gateway (TLS) port; 0 (default) picks a free one. */
  DEMO_GATEWAY_PORT: port.default(0),
});

export type DemoEnv = z.output<typeof envSchema>;

/**
 * The demo's own settings; the portal's are read by the server. The only module of this package
 * that reads `process.env` (house style B9). Throws the server's EnvError, listing every problem.
 */
export function readDemoEnv(source: NodeJS.ProcessEnv = process.env): DemoEnv {
  return parseEnv(envSchema, source);
}
