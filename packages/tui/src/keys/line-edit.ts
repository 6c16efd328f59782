// The one editing rule for every line of text the TUI takes (`:`, `/`, dialog fields). Keys can
// arrive in one burst (fast typing, a paste, tmux send-keys): `ctrl-u` then `renamed-fast` reaches
// Ink as the single input `\u0015renamed-fast`, not as a ctrl key. Each byte is read here, so an
// editing control edits and every other control is dropped; none is ever stored as text.
import type { Key } from 'ink';
import { keyName } from './key-name.ts';

/** One step of editing a line, or a key the caller handles itself (`esc`, `tab`, `up`, ...). */
export type LineKey =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'backspace' }
  | { readonly type: 'clear' }
  | { readonly type: 'clearWord' }
  /** `rest`: what followed Enter in the same burst; keys for whatever the submit leads to. */
  | { readonly type: 'submit'; readonly rest: string }
  | { readonly type: 'key'; readonly name: string };

const SUBMIT_BYTES = new Set(['\r', '\n']);

const CONTROL_BYTES: Readonly<Record<string, LineKey>> = {
  '\t': { type: 'key', name: 'tab' },
  '\b': { type: 'backspace' },
  '\u007F': { type: 'backspace' },
  '\u0015': { type: 'clear' },
  '\u0017': { type: 'clearWord' },
};

// A CSI or SS3 sequence, or ESC and one character (alt+key); Ink splits most of these off already.
// biome-ignore lint/suspicious/noControlCharactersInRegex: an escape sequence starts with ESC.
const ESCAPE_SEQUENCE = /^\u001B(?:\[[0-?]*[ -/]*[@-~]|O.|.)?/su;

/** The editing steps in one Ink input event. */
export function lineKeys(input: string, key: Key): LineKey[] {
  if (key.return) return [{ type: 'submit', rest: '' }];
  if (key.backspace || key.delete) return [{ type: 'backspace' }];
  if (key.ctrl && input === 'u') return [{ type: 'clear' }];
  if (key.ctrl && input === 'w') return [{ type: 'clearWord' }];
  const name = keyName(input, key);
  if (key.ctrl || key.meta || key.escape || name !== input) return [{ type: 'key', name }];
  return bytesToKeys(input);
}

function bytesToKeys(input: string): LineKey[] {
  const keys: LineKey[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') keys.push({ type: 'text', text });
    text = '';
  };
  for (let rest = input; rest !== ''; ) {
    const sequence = ESCAPE_SEQUENCE.exec(rest)?.[0];
    if (sequence) {
      rest = rest.slice(sequence.length);
      continue;
    }
    const c = String.fromCodePoint(rest.codePointAt(0)!);
    rest = rest.slice(c.length);
    if (SUBMIT_BYTES.has(c)) {
      flush();
      keys.push({ type: 'submit', rest });
      return keys;
    }
    const control = CONTROL_BYTES[c];
    if (control) {
      flush();
      keys.push(control);
    } else if (!isControl(c)) text += c;
  }
  flush();
  return keys;
}

/** C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F). */
function isControl(c: string): boolean {
  const code = c.codePointAt(0)!;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** `text` after one editing step; a step that is not an edit leaves it as it is. */
export function applyLineKey(text: string, step: LineKey): string {
  switch (step.type) {
    case 'text':
      return text + step.text;
    case 'backspace':
      return [...text].slice(0, -1).join('');
    case 'clear':
      return '';
    case 'clearWord':
      return text.replace(/\S+\s*$/u, '');
    default:
      return text;
  }
}

/** `text` after one input event, stopping at a submit (a dialog closes on it: the rest is dropped). */
export function editLine(text: string, input: string, key: Key): { text: string; submit: boolean } {
  let next = text;
  for (const step of lineKeys(input, key)) {
    if (step.type === 'submit') return { text: next, submit: true };
    next = applyLineKey(next, step);
  }
  return { text: next, submit: false };
}
