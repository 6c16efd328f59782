import { z } from 'zod';
import type { accessRequests } from '../db/schema/access-requests.ts';
import { nameSchema } from '../validation.ts';

export type AccessRequest = typeof accessRequests.$inferSelect;

export const submitInput = z.object({
  appId: z.string().min(1),
  productId: z.string().min(1),
  planId: z.string().min(1),
  /** Self-Serve only: a new PEM (validated as an upload) or a certificate of the consumer's organisation. */
  certificate: z
    .union([
      z.object({ pem: z.string().min(1), name: nameSchema(100).optional() }),
      z.object({ certificateId: z.string().min(1) }),
    ])
    .optional(),
});
export type SubmitInput = z.input<typeof submitInput>;

export const rejectInput = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(2000) });

/** The credential an approval issued, as its organisation sees it (`token` only for that organisation). */
export interface Credential {
  readonly id: string;
  readonly accessRequestId: string;
  readonly keyHash: string | null;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly createdAt: Date;
  /** The token to send in `Authorization`; null unless the caller belongs to the owning organisation. */
  readonly token: string | null;
}
