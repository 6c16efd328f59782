// A terminal may deliver several keys in one read (tmux send-keys, fast typing, a paste): Ink then
// reports them as one `input`. Plain text is split back into one key per character, so `jj` moves
// twice and `requests⏎` types a command and submits it.
import type { Key } from 'ink';

export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** The keys in one input event: itself, or its characters when it is plain text. */
export function splitChunk(input: string, key: Key): [string, Key][] {
  const special = key.ctrl || key.meta || key.escape || input.includes('\u001B');
  if (special || [...input].length <= 1) return [[input, key]];
  return [...input].map((c) => {
    if (c === '\r' || c === '\n') return ['', { ...NO_KEY, return: true }];
    if (c === '\t') return ['', { ...NO_KEY, tab: true }];
    if (c === '\u007F' || c === '\b') return ['', { ...NO_KEY, backspace: true }];
    return [c, { ...NO_KEY, shift: c !== c.toLowerCase() }];
  });
}
