import { z } from 'zod';

/** As `/api/apis` shows them; a kept state (`stateFile`) carries them, a hand-written seed need not. */
const apiTimes = {
  created_at: z.iso.datetime().optional(),
  updated_at: z.iso.datetime().optional(),
};

const classicApiSeed = z.object({
  ...apiTimes,
  api_definition: z.looseObject({
    api_id: z.string().min(1).optional(),
    org_id: z.string().min(1),
    name: z.string().optional(),
    proxy: z.looseObject({ listen_path: z.string().startsWith('/') }),
  }),
});

const oasApiSeed = z.object({
  ...apiTimes,
  oas: z.looseObject({
    'x-tyk-api-gateway': z.looseObject({
      info: z.looseObject({
        id: z.string().min(1).optional(),
        orgId: z.string().min(1),
        name: z.string().optional(),
      }),
      server: z.looseObject({ listenPath: z.looseObject({ value: z.string().startsWith('/') }) }),
    }),
  }),
});

/**
 * What `POST /_mock/seed`, `--seed FILE` and `startMockDashboard({ seed })` accept. Seeds are
 * trusted fixtures: certificates skip the upload-time expiry refusal (a store can hold a
 * certificate that expired later) and key bindings are not validated (a bound certificate can
 * have been deleted since), so testers can build every state a real Dashboard can reach.
 * Unknown top-level keys are refused: they are almost always a misspelt section.
 */
export const seedSchema = z.strictObject({
  settings: z.object({ pageSize: z.number().int().positive().optional() }).optional(),
  orgs: z
    .array(z.object({ id: z.string().min(1), apiKeys: z.array(z.string().min(1)).default([]) }))
    .default([]),
  certificates: z.array(z.object({ orgId: z.string(), pem: z.string().min(1) })).default([]),
  apis: z.array(z.union([classicApiSeed, oasApiSeed])).default([]),
  keys: z
    .array(
      z.object({
        /** The token; generated in Tyk's format from the session's org when absent. */
        keyId: z.string().min(1).optional(),
        session: z.looseObject({ org_id: z.string().min(1) }),
      }),
    )
    .default([]),
});

/** A seed as written by a tester (defaults not yet applied). */
export type MockSeed = z.input<typeof seedSchema>;
export type ParsedSeed = z.output<typeof seedSchema>;
