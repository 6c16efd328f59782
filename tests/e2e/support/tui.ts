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
  // The picker shows a window of 10: a name outside it is reached by scrolling, down first and,
  // once the focus stops moving (the end of the list), back up.
  let direction: 'Down' | 'Up' = 'Down';
  for (let moves = 0; ; moves++) {
    const list = options(screen);
    const at = list.findIndex((o) => o.focused);
    const target = list.findIndex((o) => o.label === name);
    if (moves > 300) throw new Error(`TUI: no organisation ${name} in the picker:\n${screen}`);
    if (at === target) break;
    if (target >= 0) direction = target > at ? 'Down' : 'Up';
    const before = list[at]?.label;
    terminal.keys(direction);
    try {
      screen = await terminal.waitFor(
        (s) => options(s).find((o) => o.focused)?.label !== before,
        `the picker's focus moving ${direction.toLowerCase()} from ${before} towards ${name}`,
        target >= 0 ? 20_000 : 2_000,
      );
    } catch (error) {
      // At an end of the list while the name is out of sight: turn round (twice means it is absent).
      if (target >= 0 || direction === 'Up') throw error;
      direction = 'Up';
      screen = terminal.screen();
    }
  }
  terminal.keys('Space');
  await terminal.waitFor(new RegExp(`❯\\s*◉\\s*${escapeRegExp(name)}`), `${name} ticked in the picker`);
  terminal.keys('Enter');
}
