import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import type { ControlContext } from './control/control-context.ts';
import { type MockSeed, seedSchema } from './control/seed-schema.ts';
import { createDashboardListener } from './dashboard/dashboard-listener.ts';
import { DEFAULT_FAULT_SEED, FaultRegistry } from './faults/fault-registry.ts';
import { createGatewayListener } from './gateway/gateway-listener.ts';
import { PeerLists } from './gateway/peer-lists.ts';
import { TappedHttpsServer } from './gateway/tapped-https-server.ts';
import { StateFile, savingChanges } from './persistence/state-file.ts';
import { storeSnapshot } from './persistence/store-snapshot.ts';
import { applySeed } from './state/apply-seed.ts';
import { DEFAULT_PAGE_SIZE, MockStore } from './state/store.ts';
import { generateServerIdentity, type ServerIdentity } from './tls/server-certificate.ts';

export interface MockDashboardOptions {
  /** Dashboard API port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Gateway TLS port; 0 (default) picks a free one. */
  readonly gatewayPort?: number;
  /** Also serve the gateway over plain HTTP on this port (0 = any), to see Tyk's "TLS not enabled". */
  readonly gatewayHttpPort?: number;
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** Loaded at start, and again by `POST /_mock/reset`. Throws a ZodError or SeedError when invalid. */
  readonly seed?: MockSeed;
  /** `X-Mock-Admin-Key` for `/_mock/*`; random when absent (read it from the result). */
  readonly adminKey?: string;
  /** Dashboard `page_size`; default 10, as Tyk. */
  readonly pageSize?: number;
  /** Seed of the RNG behind probability faults; default 1. */
  readonly faultSeed?: number;
  /** The clock for every expiry decision; default the system clock. */
  readonly now?: () => Date;
  /** The gateway's server certificate and key (PEM); generated at start when absent. */
  readonly tls?: ServerIdentity;
  /**
   * Keep the state in this JSON file: when it exists the mock starts from it instead of `seed`
   * (which `/_mock/reset` still restores), and every write is saved back to it.
   */
  readonly stateFile?: string;
}

export interface MockDashboard {
  readonly dashboardUrl: string;
  readonly gatewayUrl: string;
  readonly gatewayHttpUrl: string | undefined;
  readonly adminKey: string;
  /** The gateway's certificate (PEM), for clients that verify the server. */
  readonly gatewayCertificate: string;
  close(): Promise<void>;
}

/** Starts the Dashboard API (HTTP) and the Gateway (HTTPS, client certificates requested). */
export async function startMockDashboard(options: MockDashboardOptions = {}): Promise<MockDashboard> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? (() => new Date());
  const initialSeed = options.seed ? seedSchema.parse(options.seed) : undefined;
  const store = new MockStore(options.pageSize ?? DEFAULT_PAGE_SIZE);
  const faultSeed = options.faultSeed ?? DEFAULT_FAULT_SEED;
  const faults = new FaultRegistry(faultSeed);
  const stateFile = options.stateFile
    ? new StateFile(options.stateFile, () => storeSnapshot(store))
    : undefined;
  const kept = await stateFile?.load();
  const startSeed = kept ?? initialSeed;
  if (startSeed) applySeed(store, startSeed, now());
  if (kept === undefined) stateFile?.changed(); // the first start writes its seed
  const control: ControlContext = { store, faults, now, initialSeed, faultSeed };
  const adminKey = options.adminKey ?? randomBytes(16).toString('hex');
  const identity = options.tls ?? (await generateServerIdentity());
  const peerLists = new PeerLists();
  const gatewayListener = createGatewayListener(store, faults, now, peerLists);

  const dashboardListener = createDashboardListener({ control, adminKey });
  const dashboard = createHttpServer(
    stateFile ? savingChanges(dashboardListener, stateFile) : dashboardListener,
  );
  // rejectUnauthorized: false is Tyk's RequestClientCert mode: the handshake admits any client
  // and the allow list answers at the HTTP level with Tyk's 403s. `ca` (only our own certificate)
  // is the CA name the CertificateRequest lists; the presented list is read from the client's
  // handshake records (see PeerLists), so OpenSSL's chain building no longer shapes it.
  const gateway = new TappedHttpsServer(
    {
      cert: identity.cert,
      key: identity.key,
      ca: [identity.cert],
      requestCert: true,
      rejectUnauthorized: false,
    },
    gatewayListener,
    peerLists,
  );
  const plain = options.gatewayHttpPort === undefined ? undefined : createHttpServer(gatewayListener);
  // Clients must give up idle keep-alive sockets before the server does (undici's fetch: 4 s,
  // Node's server: 5 s): on a loaded CI machine the mock closed one just as a test reused it
  // ("other side closed"). As the portal's server does (packages/server/src/portal.ts).
  for (const server of [dashboard, ...(plain ? [plain] : [])]) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  const servers = [dashboard, gateway, ...(plain ? [plain] : [])];
  try {
    await listen(dashboard, options.port ?? 0, host);
    await listen(gateway, options.gatewayPort ?? 0, host);
    if (plain) await listen(plain, options.gatewayHttpPort ?? 0, host);
  } catch (error) {
    await Promise.all(servers.map(close));
    throw error;
  }
  const urlOf = (server: NetServer, scheme: string) =>
    `${scheme}://${urlHost(host)}:${(server.address() as AddressInfo).port}`;
  return {
    dashboardUrl: urlOf(dashboard, 'http'),
    gatewayUrl: urlOf(gateway, 'https'),
    gatewayHttpUrl: plain ? urlOf(plain, 'http') : undefined,
    adminKey,
    gatewayCertificate: identity.cert,
    close: async () => {
      await Promise.all(servers.map(close));
      // Always written at close: the gateway's writes (quota counters) are not tracked one by one.
      stateFile?.changed();
      await stateFile?.flush();
    },
  };
}

function listen(server: NetServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server | TappedHttpsServer): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
