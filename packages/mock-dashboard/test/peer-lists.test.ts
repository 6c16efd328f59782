import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { Agent, get } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type ConnectionOptions, connect, type TLSSocket } from 'node:tls';
import { makeCertificate, pemBundle, type TestCertificate } from '@repo/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeerLists } from '../src/gateway/peer-lists.ts';
import { TappedHttpsServer } from '../src/gateway/tapped-https-server.ts';
import { generateServerIdentity } from '../src/tls/server-certificate.ts';

/** What the server saw of one connection. */
interface Seen {
  readonly peers: string[];
  readonly protocol: string;
  readonly cipher: string;
  readonly alpn: string | false | null;
  readonly servername: string | false | null;
  readonly reused: boolean;
}

const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');
const hashes = (...certs: TestCertificate[]) => certs.map((c) => sha256(c.der));

let server: TappedHttpsServer;
let port: number;
let leaf: TestCertificate;
let foreign: TestCertificate[];
let root: TestCertificate;
let intermediate: TestCertificate;
let chained: TestCertificate;

beforeAll(async () => {
  const identity = await generateServerIdentity();
  const peerLists = new PeerLists();
  // The gateway's handshake options (start.ts), with a handler that echoes what it saw.
  server = new TappedHttpsServer(
    {
      cert: identity.cert,
      key: identity.key,
      ca: [identity.cert],
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      const seen: Seen = {
        peers: peerLists.of(socket).map(sha256),
        protocol: socket.getProtocol() ?? '',
        cipher: socket.getCipher().standardName,
        alpn: socket.alpnProtocol,
        servername: socket.servername,
        reused: socket.isSessionReused(),
      };
      res.end(JSON.stringify(seen));
    },
    peerLists,
  );
  await once(server.listen(0, '127.0.0.1'), 'listening');
  port = (server.address() as AddressInfo).port;
  leaf = await makeCertificate({ name: 'CN=client', freshKey: true });
  // Self-signed and unrelated to the leaf: nothing links them by issuer. Sixty of them make a
  // Certificate message longer than one 16 KiB record.
  foreign = await Promise.all(
    Array.from({ length: 60 }, (_, i) => makeCertificate({ name: `CN=foreign ${i}` })),
  );
  root = await makeCertificate({ name: 'CN=Root', ca: true });
  intermediate = await makeCertificate({ name: 'CN=Intermediate', ca: true, issuer: root });
  chained = await makeCertificate({ name: 'CN=chained', issuer: intermediate, freshKey: true });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** One request on its own connection; `sent` is the bundle, leaf first, as Node sends it. */
async function exchange(
  sent: TestCertificate[],
  options: ConnectionOptions = {},
): Promise<{ seen: Seen; session: Buffer | undefined }> {
  const identity = sent[0] ? { cert: pemBundle(...sent), key: sent[0].keyPem } : {};
  const socket = connect({
    host: '127.0.0.1',
    port,
    servername: 'localhost',
    rejectUnauthorized: false,
    ...identity,
    ...options,
  });
  await once(socket, 'secureConnect');
  socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return { seen: JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as Seen, session: socket.getSession() };
}

describe.each(['TLSv1.3', 'TLSv1.2'] as const)('PeerLists over %s', (version) => {
  const tls = { maxVersion: version };

  it("reads the client's list as sent: a leaf and two certificates that issued nothing", async () => {
    const { seen } = await exchange([leaf, foreign[0]!, foreign[1]!], tls);
    expect(seen.protocol).toBe(version);
    expect(seen.peers).toEqual(hashes(leaf, foreign[0]!, foreign[1]!));
  });

  it('keeps the order even when it is not the issuer order', async () => {
    const { seen } = await exchange([chained, root, intermediate], tls);
    expect(seen.peers).toEqual(hashes(chained, root, intermediate));
  });

  it('reads a Certificate message that spans several records', async () => {
    const { seen } = await exchange([leaf, ...foreign], tls);
    // A record holds at most 2^14 bytes of plaintext (RFC 8446 §5.1).
    expect([leaf, ...foreign].reduce((n, c) => n + c.der.length, 0)).toBeGreaterThan(16_384);
    expect(seen.peers).toEqual(hashes(leaf, ...foreign));
  });

  it('gives an empty list when the client sends no certificate', async () => {
    const { seen } = await exchange([], tls);
    expect(seen.peers).toEqual([]);
  });

  it('keeps the handshake as it was: ALPN http/1.1, SNI, and a full handshake on every connection', async () => {
    const first = await exchange([leaf], { ...tls, ALPNProtocols: ['h2', 'http/1.1'] });
    expect([first.seen.alpn, first.seen.servername]).toEqual(['http/1.1', 'localhost']);
    // The client offers its earlier session; the gateway makes a full handshake and reads the list again.
    const again = await exchange([leaf, foreign[0]!], {
      ...tls,
      ...(first.session ? { session: first.session } : {}),
    });
    expect(first.session).toBeDefined();
    expect(again.seen).toMatchObject({ reused: false, peers: hashes(leaf, foreign[0]!) });
  });
});

it.each(['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'])(
  'decrypts the TLS 1.3 client flight under %s',
  async (suite) => {
    const { seen } = await exchange([leaf, foreign[2]!], { minVersion: 'TLSv1.3', ciphers: suite });
    expect([seen.cipher, seen.peers]).toEqual([suite, hashes(leaf, foreign[2]!)]);
  },
);

it('reads the list once per connection and answers every request on it', async () => {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: 1,
    cert: pemBundle(leaf, foreign[3]!),
    key: leaf.keyPem,
  });
  const ask = async () => {
    const res: IncomingMessage = await new Promise((resolve, reject) =>
      get({ host: '127.0.0.1', port, agent, rejectUnauthorized: false }, resolve).on('error', reject),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return { seen: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Seen, socket: res.socket };
  };
  const first = await ask();
  const second = await ask();
  agent.destroy();
  expect(second.socket).toBe(first.socket);
  expect(second.seen.peers).toEqual(hashes(leaf, foreign[3]!));
});

it('refuses a TLS 1.2 renegotiation, as Go servers do, so the list read is the only one', async () => {
  const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, maxVersion: 'TLSv1.2' });
  await once(socket, 'secureConnect');
  socket.renegotiate({}, () => undefined);
  const [error] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
  socket.destroy();
  expect(error.code).toBe('ERR_SSL_NO_RENEGOTIATION');
});
