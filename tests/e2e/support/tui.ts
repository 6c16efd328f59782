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
 * Ticks one organisation in the open organisation multi-select and submits it: moves the focus
 * (`❯`) towards `name`, down or up as the list on screen says, as a user reading it would. The
 * list can change while it is open (other suites create organisations), so each step looks again
 * at where `name` is rather than counting on one direction.
 */
export async function pickOrganisation(terminal: Terminal, name: string): Promise<void> {
  // Each option's label, without its ○/◉ mark (chosen or not), the focus mark or the border.
  const options = (screen: string) =>
    screen
      .split('\n')
      .filter((line) => /[○◉]/.test(line))
      .map((line) => ({ focused: line.includes('❯'), label: line.replace(/[❯○◉│]/g, '').trim() }));
  let screen = await terminal.waitFor(/❯/, 'the organisation picker');
  for (let moves = 0; ; moves++) {
    const list = options(screen);
    const at = list.findIndex((o) => o.focused);
    const target = list.findIndex((o) => o.label === name);
    if (target < 0 || moves > 100) throw new Error(`TUI: no organisation ${name} in the picker:\n${screen}`);
    if (at === target) break;
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
