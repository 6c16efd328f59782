// GraphiQL in a real browser with no internet: every request that leaves loopback is aborted, so
// the page must bring its scripts, styles and editor workers from the server itself.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCore, SecretBox } from '@repo/core';
import { createScratchDatabase, type ScratchDatabase } from '@repo/core/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createYogaServer } from '../src/yoga.ts';

// Debian's package, not a Playwright download; .ci/run installs it when missing.
const CHROMIUM = '/usr/bin/chromium';
const ADMIN_TOKEN = 'mtp_graphiql-test-admin-token-00000000000000';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

let database: ScratchDatabase | undefined;
let server: Server | undefined;
let browser: Browser | undefined;
let graphqlUrl = '';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this).`);
  }
  // One database target is enough: the browser is under test here, not the SQL.
  database = await createScratchDatabase({ dialect: 'pglite' });
  const core = createCore({ db: database.db, secrets: new SecretBox(SecretBox.generateKey()) });
  await core.users.ensureAdmin(ADMIN_TOKEN);
  server = createServer(createYogaServer(core));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  graphqlUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
  }
  await database?.destroy();
});

it('renders from local assets and runs { viewer { name } } with the token', async () => {
  const page = await browser!.newPage();
  // Below the test's timeout, so a stuck page fails with Playwright's account of what it awaited.
  page.setDefaultTimeout(15_000);
  const blocked: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    // data: and blob: URLs (the inlined favicon and editor workers) never reach the network.
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK.has(url.hostname)) {
      return route.continue();
    }
    blocked.push(url.href);
    return route.abort('internetdisconnected');
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  const failure = await runViewerQuery(page).then(
    () => undefined,
    (error: unknown) => error,
  );
  // A page waiting on a CDN fails above too; the blocked URLs say why, so they are checked first.
  expect(blocked).toEqual([]);
  expect(errors).toEqual([]);
  if (failure) throw failure;
  await page.close();
}, 45_000);

/** Opens GraphiQL, puts the admin's token into the pre-filled header and runs the query. */
async function runViewerQuery(page: Page): Promise<void> {
  // A navigation sends `Accept: text/html`, which is what makes Yoga answer with GraphiQL.
  await page.goto(`${graphqlUrl}?query=${encodeURIComponent('{ viewer { name } }')}`);
  expect(await page.title()).toBe('mTLS Portal');
  await page.getByRole('button', { name: 'Headers' }).click();
  const headers = page.locator('.graphiql-editor-tool .graphiql-editor').filter({ visible: true });
  await headers.filter({ hasText: 'Bearer <token>' }).waitFor();

  // Replace the placeholder as a user would: select `<token>` (the end of `...<token>"}`) and type
  // over it. Only the token is typed, so the editor's auto-closing quotes and braces stay out of it.
  await headers.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  for (const _ of '<token>') await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.insertText(ADMIN_TOKEN);
  await page.locator('.graphiql-execute-button').click();

  const response = page.locator('.graphiql-response');
  await response.filter({ hasText: '"name": "admin"' }).waitFor();
  expect(await response.textContent()).not.toContain('"errors"');
}
