import type { RequestListener } from 'node:http';
import { TLSSocket } from 'node:tls';
import type { FaultRegistry } from '../faults/fault-registry.ts';
import { serveWithFaults } from '../faults/serve-with-faults.ts';
import { NOT_FOUND } from '../http/reply.ts';
import { writeReply } from '../http/write-reply.ts';
import type { MockStore } from '../state/store.ts';
import { AllowListCache } from './allow-list-cache.ts';
import { decideRequest, type GatewayEnv } from './decide-request.ts';
import type { PeerLists } from './peer-lists.ts';
import { RouteTable } from './route-table.ts';

/**
 * The gateway's request handler, shared by the TLS listener and the optional plain one. Each
 * API answers at its listen path; unknown paths get Go's 404, as Tyk's router does. `peerLists`
 * gives each TLS connection's certificates as the client sent them.
 */
export function createGatewayListener(
  store: MockStore,
  faults: FaultRegistry,
  now: () => Date,
  peerLists: PeerLists,
): RequestListener {
  const routes = new RouteTable(store);
  const env: GatewayEnv = { store, allowLists: new AllowListCache(store), now };
  const scope = {
    registry: faults,
    target: 'gateway' as const,
    defaultErrorBody: () => ({ error: 'Injected fault' }),
  };
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://mock.invalid').pathname;
    serveWithFaults(scope, req, res, path, async () => {
      const api = routes.match(path);
      if (!api) return NOT_FOUND;
      const socket = req.socket;
      const encrypted = socket instanceof TLSSocket;
      const peers = encrypted ? peerLists.of(socket) : [];
      return decideRequest(env, api, {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        encrypted,
        peers,
      });
    }).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else writeReply(res, { status: 500, headers: {}, body: JSON.stringify({ error: String(error) }) });
    });
  };
}
