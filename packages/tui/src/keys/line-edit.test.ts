import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { editLine, lineKeys } from './line-edit.ts';

const plain = { ctrl: false, meta: false, escape: false, shift: false } as Key;
const ctrl = { ...plain, ctrl: true } as Key;

describe('editLine', () => {
  it('appends printable text, Unicode included', () => {
    expect(editLine('ab', 'c', plain)).toEqual({ text: 'abc', submit: false });
    expect(editLine('', 'café ü', plain)).toEqual({ text: 'café ü', submit: false });
  });

  it('clears on ctrl-u, also when it arrives in one burst with text', () => {
    expect(editLine('globex-4', 'u', ctrl).text).toBe('');
    expect(editLine('globex-4', '\u0015renamed-fast', plain)).toEqual({
      text: 'renamed-fast',
      submit: false,
    });
  });

  it('deletes a word on ctrl-w, alone or in a burst', () => {
    expect(editLine('acme prod ', 'w', ctrl).text).toBe('acme ');
    expect(editLine('acme prod', '\u0017dev', plain).text).toBe('acme dev');
  });

  it('deletes the last character on backspace, as a key or a byte', () => {
    expect(editLine('abc', '', { ...plain, backspace: true }).text).toBe('ab');
    expect(editLine('abc', '', { ...plain, delete: true }).text).toBe('ab');
    expect(editLine('abc', 'x\u007F\by', plain).text).toBe('aby');
    expect(editLine('a😀', '', { ...plain, backspace: true }).text).toBe('a');
  });

  it('submits on enter, keeping the text typed before it', () => {
    expect(editLine('ab', '', { ...plain, return: true })).toEqual({ text: 'ab', submit: true });
    expect(editLine('', 'requests\r', plain)).toEqual({ text: 'requests', submit: true });
  });

  it('drops every other C0 and C1 control and escape sequences', () => {
    const controls = [...Array(32).keys(), 0x7f, ...Array.from({ length: 32 }, (_, i) => 0x80 + i)]
      .filter((c) => ![0x08, 0x0a, 0x0d, 0x15, 0x17, 0x7f].includes(c))
      .map((c) => String.fromCodePoint(c))
      .join('');
    expect(editLine('a', `${controls}b`, plain).text).toBe('ab');
    expect(editLine('a', '\u001B[A\u001BOPb\u001B[200~c', plain).text).toBe('abc');
    expect(editLine('a', 'x', { ...plain, meta: true }).text).toBe('a');
    expect(editLine('a', 'd', ctrl).text).toBe('a');
    expect(editLine('a', '', { ...plain, upArrow: true }).text).toBe('a');
    expect(editLine('a', '', { ...plain, tab: true }).text).toBe('a');
  });
});

describe('lineKeys', () => {
  it('names the keys a prompt handles itself', () => {
    expect(lineKeys('', { ...plain, escape: true })).toEqual([{ type: 'key', name: 'esc' }]);
    expect(lineKeys('', { ...plain, upArrow: true })).toEqual([{ type: 'key', name: 'up' }]);
    expect(lineKeys('pr\t', plain)).toEqual([
      { type: 'text', text: 'pr' },
      { type: 'key', name: 'tab' },
    ]);
  });
});
