import { z } from 'zod';

const base = z.object({
  /** Which listener the rule watches. */
  target: z.enum(['dashboard', 'gateway']).default('dashboard'),
  /** HTTP method, or `*` for any. */
  method: z.string().min(1).default('*'),
  /** Path glob (no query string): `*` matches any run of characters, `/` included. */
  path: z.string().regex(/^[/*]/, 'must start with "/" or "*"'),
  /** "Fail the next N calls": the rule is removed after it fired this many times. */
  times: z.number().int().positive().optional(),
  /** Let the first N matching calls through untouched, e.g. to fail page 3 of a listing. */
  skip: z.number().int().nonnegative().optional(),
  /** Fire on this share of matching calls, drawn from the seedable RNG. */
  probability: z.number().min(0).max(1).optional(),
});

/** Every fault kind; each is a variant on `kind`. */
export const faultRuleSchema = z.discriminatedUnion('kind', [
  /** Answer with this status and body instead of the real answer (the request is not processed). */
  base.extend({
    kind: z.literal('status'),
    status: z.number().int().min(100).max(599),
    /** A string is sent as is; anything else as JSON. Default: the listener's own error envelope. */
    body: z.unknown().optional(),
  }),
  /** Wait, then answer normally. */
  base.extend({ kind: z.literal('latency'), ms: z.number().int().min(0).max(120_000) }),
  /**
   * Destroy the connection without an answer. `before` (default) drops the request unprocessed;
   * `after` processes it first, so a client sees an error for a write that happened.
   */
  base.extend({ kind: z.literal('drop'), when: z.enum(['before', 'after']).default('before') }),
  /** Send the real answer cut to `bytes` (default: half), with a matching Content-Length. */
  base.extend({ kind: z.literal('truncate'), bytes: z.number().int().min(0).optional() }),
  /** Send a complete answer whose JSON does not parse (default: the real body with a trailing comma). */
  base.extend({ kind: z.literal('malformed'), body: z.string().optional() }),
]);

/** A fault rule as a tester writes it. */
export type FaultRule = z.input<typeof faultRuleSchema>;
export type ParsedFaultRule = z.output<typeof faultRuleSchema>;
export type FaultKind = ParsedFaultRule['kind'];

/** A registered rule: its id, matching calls still to let through, firings left (`null` = unlimited). */
export type ActiveFault = ParsedFaultRule & { readonly id: string; toSkip: number; remaining: number | null };

/** `POST /_mock/faults` with several rules and/or a new RNG seed (a body without `faults` is one rule). */
export const faultBatchSchema = z.strictObject({
  faults: z.array(faultRuleSchema).default([]),
  seed: z.number().int().optional(),
});
