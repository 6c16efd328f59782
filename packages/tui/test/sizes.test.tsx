// Every `:` view at 80×24 and 200×50 against a stubbed portal with a row in each: the title and
// the table's header show, no line is wider than the terminal (Ink wraps a wider one, which pushes
// the header off screen), and `?` help fits too. Then every view is resized wide → narrow → wide.
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, type RenderedApp, renderStub } from '../src/testing/render.tsx';
import { VIEW_COMMANDS } from '../src/views/view-ids.ts';
import { stubbedPortal } from './support/stub-fixtures.ts';

/** What each view shows once loaded: its title, and a header word (or the text when empty). */
const READY: Record<string, { title: string; header: string }> = {
  certs: { title: 'Certificates (', header: 'NAME' },
  orgs: { title: 'Organisations (', header: 'NAME' },
  products: { title: 'Products (', header: 'AUTH' },
  requests: { title: 'Access requests (', header: 'STATUS' },
  check: { title: 'API (from the products)', header: 'Payments API' },
  providers: { title: 'Providers (', header: 'DASHBOARD' },
  sync: { title: 'Sync runs', header: 'Sync runs' },
  audit: { title: 'Audit events (', header: 'ACTION' },
  users: { title: 'Users (', header: 'ROLE' },
  plans: { title: 'Plans (', header: 'QUOTA' },
  rotations: { title: 'Rotations (', header: 'STATUS' },
  webhooks: { title: 'Webhook deliveries (', header: 'STATUS' },
};

const widest = (frame: string) =>
  Math.max(...frame.split('\n').map((l) => [...stripVTControlCharacters(l)].length));

describe('every view at any size (stubbed portal)', () => {
  let app: RenderedApp | undefined;
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });

  /** Opens `view` by its first alias and waits until it shows its data. */
  async function open(rendered: RenderedApp, view: string, aliases: readonly string[]): Promise<string> {
    await rendered.press(':');
    await rendered.type(aliases[0]!);
    await rendered.press(KEYS.enter);
    const { title, header } = READY[view]!;
    const frame = await rendered.waitFor(
      (f) => f.includes(title) && f.includes(header) && !f.includes('loading…'),
    );
    expect(frame).not.toContain('No stub answers');
    return frame;
  }

  it('has a readiness mark for every view a command reaches', () => {
    expect(Object.keys(READY).sort()).toEqual(VIEW_COMMANDS.map((c) => c.view).sort());
  });

  for (const [columns, rows] of [
    [80, 24],
    [200, 50],
  ] as const) {
    it(`fits ${columns}×${rows}: every view shows its title and header, no line is wider`, async () => {
      app = renderStub(stubbedPortal(), { size: { columns, rows } });
      await app.waitFor('Certificates (');
      for (const { view, aliases } of VIEW_COMMANDS) {
        const frame = await open(app, view, aliases);
        expect(widest(frame), `${view} at ${columns} columns`).toBeLessThanOrEqual(columns);
        expect(frame.split('\n').length, `${view} at ${rows} rows`).toBeLessThanOrEqual(rows);
        if (view === 'check') await app.press(KEYS.esc); // the form has the keyboard
        await app.press('?');
        const help = await app.waitFor('esc or ? closes this help');
        expect(widest(help), `help of ${view}`).toBeLessThanOrEqual(columns);
        await app.press(KEYS.esc);
        await app.waitFor((f) => !f.includes('esc or ? closes this help'));
      }
    });
  }

  it('lays every view out again at once when the terminal shrinks and grows', async () => {
    app = renderStub(stubbedPortal(), { size: { columns: 200, rows: 50 } });
    await app.waitFor('Certificates (');
    for (const { view, aliases } of VIEW_COMMANDS) {
      const wide = await open(app, view, aliases);
      const { title, header } = READY[view]!;
      app.resize(80, 24);
      // Ink first redraws the old tree at the new width; the App's own layout follows at once.
      await app.waitFor(
        (f) => f.includes(title) && f.includes(header) && widest(f) <= 80 && f.split('\n').length <= 24,
        5_000,
      );
      app.resize(200, 50);
      await app.waitFor((f) => f === wide || (f.includes(title) && widest(f) > 80), 5_000);
      if (view === 'check') await app.press(KEYS.esc);
    }
  });
});
