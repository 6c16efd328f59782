import { fileURLToPath } from 'node:url';
import type { E2eServer } from '../setup/global-setup.ts';
import { Terminal } from './terminal.ts';

const tuiDir = fileURLToPath(new URL('../../../packages/tui', import.meta.url));

/** The TUI as the server's admin, in its own terminal. */
export function openTui(server: E2eServer): Terminal {
  // CI=true as CI runners set it: Ink would then draw nothing until exit, and the TUI must not.
  return Terminal.open(
    `CI=true NODE_ENV=production node --import tsx src/index.tsx --url ${server.graphqlUrl} --token ${server.adminToken}`,
    tuiDir,
  );
}

/** `text` as a literal inside a RegExp. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Ticks one organisation in the open organisation multi-select and submits it, as a user would
 * with many organisations: `/` and the name filter the list, then the focus (`❯`) moves to the
 * option that is exactly `name` among those that hold it.
 */
export async function pickOrganisation(terminal: Terminal, name: string): Promise<void> {
  // Each option's label, without its ○/◉ mark (chosen or not), the focus mark or the border.
  const options = (screen: string) =>
    screen
      .split('\n')
      .filter((line) => /[○◉]/.test(line))
      .map((line) => ({ focused: line.includes('❯'), label: line.replace(/[❯○◉│]/g, '').trim() }));
  await terminal.waitFor(/❯/, 'the organisation picker');
  terminal.keys('/');
  terminal.type(name);
  terminal.keys('Enter');
  let screen = await terminal.waitFor(
    (s) => /\(\d+ match(es)?\)/.test(s) && !s.includes('▏') && options(s).some((o) => o.label === name),
    `the picker filtered to ${name}`,
  );
  for (let moves = 0; ; moves++) {
    const list = options(screen);
    const at = list.findIndex((o) => o.focused);
    const target = list.findIndex((o) => o.label === name);
    if (at === target) break;
    if (moves > 20) throw new Error(`TUI: cannot reach ${name} in the filtered picker:\n${screen}`);
    const before = list[at]?.label;
    terminal.keys(target > at ? 'Down' : 'Up');
    screen = await terminal.waitFor(
      (s) => options(s).find((o) => o.focused)?.label !== before,
      `the picker's focus moving from ${before} towards ${name}`,
    );
  }
  terminal.keys('Space');
  await terminal.waitFor(new RegExp(`❯\\s*◉\\s*${escapeRegExp(name)}`), `${name} ticked in the picker`);
  terminal.keys('Enter');
}
