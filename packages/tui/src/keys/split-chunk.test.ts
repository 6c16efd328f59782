import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { keyName } from './key-name.ts';
import { splitChunk } from './split-chunk.ts';

const plain = { ctrl: false, meta: false, escape: false, shift: false } as Key;
const names = (input: string, key: Key = plain) => splitChunk(input, key).map(([i, k]) => keyName(i, k));

describe('splitChunk', () => {
  it('splits plain text into keys, enter and tab included', () => {
    expect(names('jj')).toEqual(['j', 'j']);
    expect(names('orgs\r')).toEqual(['o', 'r', 'g', 's', 'enter']);
    expect(names('pro\t')).toEqual(['p', 'r', 'o', 'tab']);
    expect(names('G')).toEqual(['G']);
  });

  it('keeps single keys, control keys and escape sequences whole', () => {
    expect(splitChunk('d', { ...plain, ctrl: true })).toHaveLength(1);
    expect(splitChunk('\u001B[B', plain)).toHaveLength(1);
    expect(splitChunk('', { ...plain, escape: true })).toHaveLength(1);
  });
});
