// The only module that reads `process.env` (house style B9).
import { z } from 'zod';

const envSchema = z.object({
  MTLS_PORTAL_URL: z.string().optional(),
  MTLS_PORTAL_TOKEN: z.string().optional(),
  /** Where `pnpm tui` was typed (pnpm runs the script in packages/tui): relative PEM paths start there. */
  INIT_CWD: z.string().optional(),
});

export type TuiEnv = z.output<typeof envSchema>;

/** Empty variables count as unset. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): TuiEnv {
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  return envSchema.parse(set);
}
