import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { promptActions } from './prompt-keys.ts';
import { type AppState, appReducer, initialAppState } from './state/app-state.ts';

const plain = { ctrl: false, meta: false, escape: false, shift: false } as Key;

/** The prompt after `:` and then each input event, as the root input dispatcher applies them. */
function typed(...events: [string, Key][]): AppState {
  let state = appReducer(initialAppState(), { type: 'command/open' });
  for (const [input, key] of events)
    for (const a of promptActions(input, key, 0).actions) state = appReducer(state, a);
  return state;
}

describe('promptActions', () => {
  it('clears on ctrl-u in one burst with text, and never stores a control byte', () => {
    expect(typed(['certs', plain], ['\u0015orgs\u0001\u0007', plain]).prompt?.text).toBe('orgs');
    expect(typed(['certs', plain], ['u', { ...plain, ctrl: true }]).prompt?.text).toBe('');
  });

  it('deletes a word on ctrl-w and a character on backspace', () => {
    expect(typed(['certs /acme', plain], ['w', { ...plain, ctrl: true }]).prompt?.text).toBe('certs ');
    expect(typed(['orgsx\u007F', plain]).prompt?.text).toBe('orgs');
  });

  it('submits at the Enter of a burst', () => {
    const state = typed(['orgs\r', plain]);
    expect(state.mode).toBe('NORMAL');
    expect(state.stack.at(-1)?.view).toBe('orgs');
  });

  it('hands back what followed Enter in the burst, for the view it leaves behind', () => {
    expect(promptActions('orgs\rjj', plain, 0).typeAhead).toBe('jj');
    expect(promptActions('orgs', plain, 0).typeAhead).toBe('');
  });
});
