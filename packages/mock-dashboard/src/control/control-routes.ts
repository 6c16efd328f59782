import { z } from 'zod';
import { faultBatchSchema, faultRuleSchema } from '../faults/fault-schema.ts';
import { isRecord } from '../http/read-body.ts';
import { jsonReply, NOT_FOUND, type Reply } from '../http/reply.ts';
import { Router } from '../http/router.ts';
import { applySeed, SeedError } from '../state/apply-seed.ts';
import type { ControlContext } from './control-context.ts';
import { seedSchema } from './seed-schema.ts';
import { stateDump } from './state-dump.ts';

type ControlHandler = (ctx: ControlContext, body: unknown, params: Readonly<Record<string, string>>) => Reply;

const resetSchema = z.object({ empty: z.boolean().default(false) }).default({ empty: false });

function invalid(error: z.ZodError | SeedError): Reply {
  const issues =
    error instanceof SeedError
      ? [{ path: error.path, message: error.message }]
      : error.issues.map((i) => ({ path: i.path, message: i.message }));
  return jsonReply(400, { status: 'error', message: 'Invalid control input', issues });
}

/** Clears state and faults; then loads the start-up seed again unless `{"empty": true}`. */
const reset: ControlHandler = (ctx, body) => {
  const parsed = resetSchema.safeParse(body ?? undefined);
  if (!parsed.success) return invalid(parsed.error);
  ctx.store.clear();
  ctx.faults.clear();
  ctx.faults.reseed(ctx.faultSeed);
  const summary =
    !parsed.data.empty && ctx.initialSeed ? applySeed(ctx.store, ctx.initialSeed, ctx.now()) : null;
  return jsonReply(200, { status: 'ok', seeded: summary });
};

const seed: ControlHandler = (ctx, body) => {
  const parsed = seedSchema.safeParse(body);
  if (!parsed.success) return invalid(parsed.error);
  try {
    return jsonReply(200, { status: 'ok', seeded: applySeed(ctx.store, parsed.data, ctx.now()) });
  } catch (error) {
    if (error instanceof SeedError) return invalid(error);
    throw error;
  }
};

const addFaults: ControlHandler = (ctx, body) => {
  // Decided by shape rather than a zod union, so a bad rule reports its own field paths.
  const batch = isRecord(body) && ('faults' in body || 'seed' in body);
  const parsed = batch
    ? faultBatchSchema.safeParse(body)
    : faultRuleSchema.transform((rule) => ({ faults: [rule], seed: undefined })).safeParse(body);
  if (!parsed.success) return invalid(parsed.error);
  const request = parsed.data;
  if (request.seed !== undefined) ctx.faults.reseed(request.seed);
  const added = request.faults.map((rule) => ctx.faults.add(rule));
  return jsonReply(200, { status: 'ok', faults: added });
};

const removeFault: ControlHandler = (ctx, _body, params) =>
  ctx.faults.remove(params.id!) ? jsonReply(200, { status: 'ok' }) : NOT_FOUND;

export const controlRoutes = new Router<ControlHandler>()
  .add('POST', '/_mock/reset', reset)
  .add('POST', '/_mock/seed', seed)
  .add('GET', '/_mock/state', (ctx) => jsonReply(200, stateDump(ctx)))
  .add('GET', '/_mock/faults', (ctx) => jsonReply(200, { faults: ctx.faults.list() }))
  .add('POST', '/_mock/faults', addFaults)
  .add('DELETE', '/_mock/faults', (ctx) => {
    ctx.faults.clear();
    return jsonReply(200, { status: 'ok' });
  })
  .add('DELETE', '/_mock/faults/:id', removeFault);
