// :certs and a certificate's details, driven by keys against a live server: status, sort,
// fingerprint filter, soft-deleted toggle, paging as you scroll, rename, organisations, delete.
import { createHash } from 'node:crypto';
import { stripVTControlCharacters } from 'node:util';
import { insertTestCertificates, makeCertificate, type TestCertificate } from '@repo/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type RenderedApp, renderApp } from '../src/testing/render.tsx';
import {
  type LiveServer,
  ORG_ID,
  paymentsApi,
  SEED,
  startLiveServer,
  system,
  unwrap,
} from './support/live-server.ts';

const DAY = 86_400_000;
const days = (n: number) => new Date(Date.now() + n * DAY);
const sha256 = (cert: TestCertificate) => createHash('sha256').update(cert.der).digest('hex');
const colons = (hex: string) => hex.toUpperCase().match(/../g)!.join(':');

describe('certificates (live server)', () => {
  let server: LiveServer;
  let alpha: TestCertificate;
  let app: RenderedApp | undefined;

  beforeAll(async () => {
    alpha = await makeCertificate({ name: 'CN=alpha.example.com', san: { dns: ['alpha.example.com'] } });
    // The Payments API's allow list names alpha, so deleting it is refused until forced.
    const seed = { ...SEED, apis: [paymentsApi([ORG_ID + sha256(alpha)])] };
    server = await startLiveServer({ seed });
    unwrap(
      await server.core.certificates.upload(
        { providerId: server.provider.id, pem: alpha.pem, name: 'alpha' },
        system,
      ),
    );
    await insertTestCertificates(server.database.db, server.provider, [
      { name: 'zulu-expired', subjectCn: 'zulu.example.com', notBefore: days(-400), notAfter: days(-3) },
      { name: 'mike-soon', subjectCn: 'mike.example.com', notBefore: days(-100), notAfter: days(10) },
      { name: 'future', subjectCn: 'future.example.com', notBefore: days(5), notAfter: days(400) },
      {
        name: 'gone',
        subjectCn: 'gone.example.com',
        notBefore: days(-10),
        notAfter: days(300),
        deletedAt: new Date(),
      },
    ]);
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });
  afterAll(() => server.close());

  const rowOrder = (frame: string) =>
    frame
      .split('\n')
      .map((line) => /^\s*[x ]\s(\S+)/.exec(line)?.[1])
      .filter((name): name is string =>
        ['alpha', 'zulu-expired', 'mike-soon', 'future', 'gone'].includes(name ?? ''),
      );

  it.each([80, 100, 160])('fits %i columns: the header shows and no line is wider', async (columns) => {
    app = await renderApp(server.url, server.token, { size: { columns, rows: 24 } });
    const frame = await app.waitFor('alpha');
    const lines = frame.split('\n');
    expect(lines.find((line) => /^\s+NAME\s+CN\s/.test(line))).toBeDefined();
    for (const title of ['EXPIRES', 'STATUS']) expect(frame).toContain(title);
    // Ink wraps a line wider than the terminal, and the wrapped rows push the header off screen.
    const widest = Math.max(...lines.map((line) => [...stripVTControlCharacters(line)].length));
    expect(widest).toBeLessThanOrEqual(columns);
  });

  it('lays out again at once when the terminal is resized', async () => {
    const widest = (frame: string) => Math.max(...frame.split('\n').map((line) => [...line].length));
    app = await renderApp(server.url, server.token, { size: { columns: 160, rows: 30 } });
    const wide = await app.waitFor((f) => f.includes('alpha') && f.includes('SOURCE'));
    app.resize(80, 24);
    const narrow = await app.waitFor((f) => f.includes('alpha') && widest(f) <= 80);
    expect(narrow).toMatch(/^\s+NAME\s+CN\s/m);
    app.resize(160, 30);
    await app.waitFor((f) => f === wide);
  });

  it('lists by expiry with each status, sorts by name, filters by any fingerprint form, shows soft-deleted', async () => {
    app = await renderApp(server.url, server.token);
    let frame = await app.waitFor('Certificates (1/4)');
    expect(rowOrder(frame)).toEqual(['zulu-expired', 'mike-soon', 'alpha', 'future']);
    expect(frame).toMatch(/zulu-expired .*expired 3d ago\s+expired/);
    expect(frame).toMatch(/mike-soon .*in \d+d\s+expiring/);
    expect(frame).toMatch(/future .*starts in \d+d\s+not yet valid/);
    expect(frame).toMatch(/alpha\s+alpha\.example\.com\s+Mock Dashboard .*valid\s+portal/);
    // Status colours (the selected first row is drawn inverse instead): yellow, green, cyan.
    for (const [color, status] of [
      [33, 'expiring'],
      [32, 'valid   '],
      [36, 'not yet valid'],
    ] as const) {
      expect(app.rawFrame()).toContain(`\u001B[${color}m${status}`);
    }

    await app.press('j');
    await app.waitFor('Certificates (2/4)');
    expect(app.rawFrame()).toContain('\u001B[31mexpired ');
    await app.press('N');
    frame = await app.waitFor('sort: name');
    expect(rowOrder(await app.waitFor((f) => rowOrder(f)[0] === 'alpha'))).toEqual([
      'alpha',
      'future',
      'mike-soon',
      'zulu-expired',
    ]);

    for (const form of [colons(sha256(alpha)), sha256(alpha), ORG_ID + sha256(alpha)]) {
      await app.press('/');
      await app.type(form);
      await app.press(KEYS.enter);
      frame = await app.waitFor('Certificates (1/1)');
      expect(rowOrder(frame)).toEqual(['alpha']);
      expect(frame).toContain(`/${form}`); // the crumb shows the filter
      await app.press(KEYS.esc); // clears the filter
      await app.waitFor('Certificates (1/4)');
    }

    await app.press('x');
    frame = await app.waitFor('Certificates (1/5)');
    expect(frame).toContain('Soft-deleted certificates: shown');
    expect(frame).toMatch(/x gone .*deleted/);
  });

  it('details: every fingerprint form, usage, validity; rename, organisations, delete (confirmed, forced)', async () => {
    app = await renderApp(server.url, server.token, { size: { columns: 140, rows: 60 } });
    await app.waitFor('Certificates (1/4)');
    await app.press('N');
    await app.waitFor((f) => rowOrder(f)[0] === 'alpha');
    await app.press(KEYS.enter);
    let frame = await app.waitFor('API Payments API');
    expect(frame).toContain('Certificates  ›  alpha');
    expect(frame).toContain(sha256(alpha));
    expect(frame).toContain(colons(sha256(alpha)));
    expect(frame).toContain(`Tyk id        ${ORG_ID}${sha256(alpha)}`);
    expect(frame).toMatch(/x5t#S256\s+\S{43}/);
    expect(frame).toMatch(/Status\s+█*░+ valid \(in 36\dd\)/); // the bar: a day into a year
    expect(frame).toContain('dns:alpha.example.com');

    await app.press('r');
    await app.waitFor('Rename alpha');
    await app.press(...Array(8).fill(KEYS.backspace));
    await app.type('alpha-renamed');
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('Renamed to alpha-renamed.') && /Name\s+alpha-renamed/.test(f));

    await app.press('o');
    await app.waitFor('Globex Retail');
    await app.press(KEYS.down, KEYS.space, KEYS.enter);
    await app.waitFor(
      (f) => f.includes('Organisations: Globex Retail.') && /Organisations\s+Globex Retail/.test(f),
    );

    await app.press(KEYS.ctrlD);
    await app.waitFor('Delete alpha-renamed?');
    await app.press('y');
    frame = await app.waitFor('f force');
    expect(frame).toContain('API Payments API');
    await app.press('f');
    await app.waitFor(
      (f) => f.includes('Deleted alpha-renamed from the Dashboard') && f.includes('Soft-deleted'),
    );
  });

  it('y shows the selected object raw: its JSON, and the PEM the portal keeps', async () => {
    const kept = await makeCertificate({ name: 'CN=raw.example.com' });
    unwrap(
      await server.core.certificates.upload(
        { providerId: server.provider.id, pem: kept.pem, name: 'raw-one' },
        system,
      ),
    );
    app = await renderApp(server.url, server.token);
    await app.waitFor('raw-one');
    await app.press('/');
    await app.type('raw-one');
    await app.press(KEYS.enter);
    await app.waitFor('Certificates (1');
    await app.press('y');
    const raw = await app.waitFor('-----BEGIN CERTIFICATE-----');
    expect(raw).toMatch(/"name": "raw-one"/);
    expect(raw).toMatch(/"tykId": "[0-9a-f]+"/);
    await app.press(KEYS.esc);
    // One found by sync has no PEM, and says so.
    await app.press(KEYS.esc); // clear the filter
    await app.press('/');
    await app.type('mike');
    await app.press(KEYS.enter);
    await app.waitFor('Certificates (1');
    await app.press('y');
    await app.waitFor('(no PEM kept: the Dashboard never answers one for certificates found by sync)');
  });

  it('esc from details returns to the same row, without reloading the list first', async () => {
    app = await renderApp(server.url, server.token);
    await app.waitFor(/Certificates \(\d/);
    const nameOfSelected = async () => {
      await app!.press('y');
      const raw = await app!.waitFor('"tykId"');
      await app!.press(KEYS.esc);
      await app!.waitFor((f) => !f.includes('"tykId"'));
      return /"name": "([^"]+)"/.exec(raw)?.[1];
    };
    await app.press('j', 'j');
    const third = await nameOfSelected();
    expect(third).toBeDefined();
    await app.press(KEYS.enter);
    await app.waitFor('Issuer');
    const before = app.frames.length;
    await app.press(KEYS.esc);
    await app.waitFor((f) => /Certificates \(\d/.test(f) && !f.includes('Issuer'));
    // Every frame since esc shows the rows: none is empty or loading from scratch.
    for (const frame of app.frames.slice(before))
      expect(frame).not.toMatch(/No certificates\.|Certificates \(0/);
    expect(await nameOfSelected()).toBe(third);
  });

  it('pages load as the cursor moves down', async () => {
    await insertTestCertificates(
      server.database.db,
      server.provider,
      Array.from({ length: 240 }, (_, i) => ({
        name: `bulk-${String(i).padStart(3, '0')}`,
        notAfter: days(500 + i),
      })),
    );
    app = await renderApp(server.url, server.token);
    await app.waitFor(/Certificates \(1\/24\d\)/);
    for (let i = 0; i < 10; i++) await app.press(KEYS.ctrlF);
    await app.waitFor(/Certificates \((2\d\d)\/24\d\)/);
    await app.press('G');
    await app.waitFor(/bulk-239/);
  });
});
