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
 * (`❯`) down until it is on `name`, as a user reading the list would.
 */
export async function pickOrganisation(terminal: Terminal, name: string): Promise<void> {
  // The focused option's label, without its ○/◉ mark (chosen or not) or the dialog's border.
  const focused = (screen: string) => /❯\s*(.*)$/m.exec(screen)?.[1]?.replace(/[○◉│]/g, '').trim();
  let screen = await terminal.waitFor(/❯/, 'the organisation picker');
  for (let moves = 0; focused(screen) !== name; moves++) {
    if (moves > 100) throw new Error(`TUI: no organisation ${name} in the picker:\n${screen}`);
    const before = focused(screen);
    terminal.keys('Down');
    screen = await terminal.waitFor((s) => focused(s) !== before, `the picker's focus moving past ${before}`);
  }
  terminal.keys('Space');
  await terminal.waitFor(new RegExp(`❯\\s*◉\\s*${escapeRegExp(name)}`), `${name} ticked in the picker`);
  terminal.keys('Enter');
}
