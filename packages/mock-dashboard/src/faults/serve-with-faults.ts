import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { jsonReply, type Reply } from '../http/reply.ts';
import { writeReply } from '../http/write-reply.ts';
import type { FaultRegistry } from './fault-registry.ts';
import type { ActiveFault } from './fault-schema.ts';

export interface FaultScope {
  readonly registry: FaultRegistry;
  readonly target: ActiveFault['target'];
  /** The listener's own error body for a `status` fault without a body. */
  readonly defaultErrorBody: (status: number) => unknown;
}

/**
 * Answers one call, letting an installed fault change what the client sees. `compute` runs the
 * real route; it is skipped for faults that stand in for the whole answer (`status`, `drop`).
 */
export async function serveWithFaults(
  scope: FaultScope,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  compute: () => Promise<Reply>,
): Promise<void> {
  const fault = scope.registry.take(scope.target, req.method ?? 'GET', path);
  if (!fault) return writeReply(res, await compute());
  switch (fault.kind) {
    case 'latency':
      await sleep(fault.ms);
      return writeReply(res, await compute());
    case 'status':
      return writeReply(res, statusReply(fault.status, fault.body ?? scope.defaultErrorBody(fault.status)));
    case 'drop':
      if (fault.when === 'after') await compute();
      req.socket.destroy();
      return;
    case 'truncate': {
      const real = await compute();
      const bytes = Buffer.from(real.body);
      return writeReply(res, {
        ...real,
        body: bytes.subarray(0, fault.bytes ?? Math.floor(bytes.length / 2)),
      });
    }
    case 'malformed': {
      const real = await compute();
      return writeReply(res, {
        ...real,
        body: fault.body ?? malformedJson(Buffer.from(real.body).toString('utf8')),
      });
    }
  }
}

function statusReply(status: number, body: unknown): Reply {
  if (typeof body === 'string') return { status, headers: { 'content-type': 'application/json' }, body };
  return jsonReply(status, body);
}

/** A trailing comma before the closing bracket: complete, plausible, and not JSON. */
function malformedJson(body: string): string {
  const trimmed = body.trimEnd();
  const last = trimmed.at(-1);
  return last === '}' || last === ']' ? `${trimmed.slice(0, -1)},${last}` : `${trimmed},`;
}
