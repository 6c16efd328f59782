// The single root input dispatcher (house style B7): one `useInput` that routes each key by mode.
// NORMAL keys go through the keymap; view actions go to the view's handler.
import { type Key, useInput } from 'ink';
import type { Dispatch } from 'react';
import type { ViewKeyHandler } from './app-context.ts';
import { keyName } from './keys/key-name.ts';
import { actionForKey } from './keys/keymap.ts';
import { splitChunk } from './keys/split-chunk.ts';
import type { AppAction, AppState } from './state/app-state.ts';
import { currentEntry } from './state/view-stack.ts';

export interface RootInput {
  readonly state: { readonly current: AppState };
  readonly dispatch: Dispatch<AppAction>;
  readonly readOnly: boolean;
  readonly keyHandler: { readonly current: ViewKeyHandler | null };
  readonly exit: () => void;
}

export function useRootInput(root: RootInput): void {
  useInput((input: string, key: Key) => {
    for (const [one, oneKey] of splitChunk(input, key)) handleKey(root, one, oneKey);
  });
}

function handleKey({ state, dispatch, readOnly, keyHandler, exit }: RootInput, input: string, key: Key) {
  const name = keyName(input, key);
  if (name === 'ctrl+c') return exit();
  const { mode, stack } = state.current;
  if (mode === 'DIALOG') return; // the dialog's own inputs have the keyboard
  if (mode === 'HELP') {
    if (name === 'esc' || name === '?' || name === 'q') dispatch({ type: 'help/toggle' });
    return;
  }
  if (mode === 'COMMAND' || mode === 'FILTER') return promptKey(name, input, dispatch);
  const view = currentEntry(stack).view;
  const action = actionForKey(view, name, { readOnly });
  if (!action) return;
  switch (action.id) {
    case 'command':
      return dispatch({ type: 'command/open' });
    case 'filter':
      return dispatch({ type: 'filter/open' });
    case 'help':
      return dispatch({ type: 'help/toggle' });
    case 'back':
      return dispatch({ type: 'view/back' });
    case 'refresh':
      return dispatch({ type: 'refresh' });
    case 'quit':
      // `q` quits at the root, and goes back elsewhere (k9s).
      return stack.length > 1 ? dispatch({ type: 'view/back' }) : exit();
    default:
      keyHandler.current?.(action.id);
  }
}

const PROMPT_KEYS: Readonly<Record<string, AppAction>> = {
  esc: { type: 'prompt/cancel' },
  backspace: { type: 'prompt/edit', edit: { type: 'backspace' } },
  'ctrl+w': { type: 'prompt/edit', edit: { type: 'clearWord' } },
  tab: { type: 'prompt/edit', edit: { type: 'complete', candidates: [] } },
};

function promptKey(name: string, input: string, dispatch: Dispatch<AppAction>): void {
  if (name === 'enter') dispatch({ type: 'prompt/submit', now: Date.now() });
  else if (PROMPT_KEYS[name]) dispatch(PROMPT_KEYS[name]);
  else if (name === input && input !== '' && !name.startsWith('ctrl+')) {
    dispatch({ type: 'prompt/edit', edit: { type: 'type', text: input } });
  }
}
