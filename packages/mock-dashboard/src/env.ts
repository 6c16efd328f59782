import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

/** The only module that reads `process.env` (house style B9); the CLI's flags override it. */
const envSchema = z.object({
  MOCK_DASHBOARD_HOST: z.string().min(1).optional(),
  MOCK_DASHBOARD_PORT: port.optional(),
  MOCK_DASHBOARD_GATEWAY_PORT: port.optional(),
  MOCK_DASHBOARD_GATEWAY_HTTP_PORT: port.optional(),
  MOCK_DASHBOARD_ADMIN_KEY: z.string().min(1).optional(),
  MOCK_DASHBOARD_SEED: z.string().min(1).optional(),
  MOCK_DASHBOARD_PAGE_SIZE: z.coerce.number().int().positive().optional(),
  MOCK_DASHBOARD_STATE_FILE: z.string().min(1).optional(),
});

export type MockDashboardEnv = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): MockDashboardEnv {
  return envSchema.parse(source);
}
