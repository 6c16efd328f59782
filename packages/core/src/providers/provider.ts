import { z } from 'zod';
import { nameSchema } from '../validation.ts';

/** A provider as core hands it out: never with its API key. */
export interface Provider {
  readonly id: string;
  readonly name: string;
  readonly dashboardUrl: string;
  readonly orgId: string;
  readonly gatewayUrl: string | null;
  readonly requestTimeoutMs: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((u) => u.replace(/\/+$/, ''));

export const providerInput = z.object({
  name: nameSchema(100),
  dashboardUrl: httpUrl,
  /** Tyk org ids are 24-hex Mongo ids in a Dashboard; accept any plausible id. */
  orgId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the Tyk org id'),
  gatewayUrl: httpUrl.nullish(),
  apiKey: z.string().min(1, 'is required').max(512),
  requestTimeoutMs: z.number().int().min(100).max(120_000).optional(),
});
export type ProviderInput = z.input<typeof providerInput>;

export const providerPatch = providerInput.partial();
export type ProviderPatch = z.input<typeof providerPatch>;
