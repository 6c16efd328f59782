// Startup against a live server: who the token is, and one line (no stack) when it goes wrong.
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortError } from '../src/errors.ts';
import { createPortalClient } from '../src/graphql/client.ts';
import { connect } from '../src/graphql/connect.ts';
import { type LiveServer, startLiveServer, system, unwrap } from './support/live-server.ts';

const run = promisify(execFile);

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const entry = fileURLToPath(new URL('../src/index.tsx', import.meta.url));

async function tui(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', entry, ...args], {
      env: { PATH: process.env.PATH ?? '' },
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('startup', () => {
  let server: LiveServer;
  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(() => server.close());

  it('connects as the admin', async () => {
    const viewer = await connect(createPortalClient(server), server.url);
    expect(viewer).toMatchObject({ role: 'ADMIN', organisation: null });
  });

  it('refuses a bad token, saying what to try', async () => {
    const error = await connect(
      createPortalClient({ url: server.url, token: 'mtp_wrong' }),
      server.url,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).format()).toMatch(
      /refused the token: The bearer token names no user\. Pass .* --token or MTLS_PORTAL_TOKEN/,
    );
  });

  it('refuses a consumer token: the TUI is for admins', async () => {
    const [organisation] = server.organisations;
    const { token } = unwrap(
      await server.core.users.create(
        { role: 'CONSUMER', name: 'dev', organisationId: organisation!.id },
        system,
      ),
    );
    const failure = connect(createPortalClient({ url: server.url, token }), server.url);
    await expect(failure).rejects.toThrow(/consumer's; the TUI is for admins/);
  });

  it('a wrong path says where to point --url', async () => {
    const url = server.url.replace('/graphql', '/nope');
    await expect(connect(createPortalClient({ url, token: server.token }), url)).rejects.toThrow(
      /answered 404/,
    );
  });

  it('the command exits 1 with one line for an unreachable server or a bad token, no stack trace', async () => {
    const closed = `http://127.0.0.1:${await closedPort()}/graphql`;
    const unreachable = await tui('--url', closed, '--token', 'x');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreachable.stderr).toContain(
      `Cannot reach the portal at ${closed} (ECONNREFUSED). Is the server running at ${closed}?`,
    );

    const badToken = await tui('--url', server.url, '--token', 'mtp_wrong');
    expect(badToken.code).toBe(1);
    expect(badToken.stderr.trim().split('\n')).toHaveLength(1);
    expect(badToken.stderr).not.toMatch(/\bat .*\.ts:\d+/);

    const noToken = await tui('--url', server.url);
    expect(noToken).toMatchObject({ code: 1 });
    expect(noToken.stderr).toMatch(/No token/);
  });
});
