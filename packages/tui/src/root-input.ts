// The single root input dispatcher (house style B7): one `useInput` that routes each key by mode.
// NORMAL keys go through the keymap; view actions go to the view's handler.
import { type Key, useInput } from 'ink';
import { type Dispatch, useCallback, useEffect, useRef } from 'react';
import type { ViewKeyHandler } from './app-context.ts';
import { keyName } from './keys/key-name.ts';
import { actionForKey } from './keys/keymap.ts';
import { NO_KEY, splitChunk } from './keys/split-chunk.ts';
import { promptActions } from './prompt-keys.ts';
import type { AppAction, AppState } from './state/app-state.ts';
import { currentEntry } from './state/view-stack.ts';

export interface RootInput {
  readonly state: { readonly current: AppState };
  readonly dispatch: Dispatch<AppAction>;
  readonly readOnly: boolean;
  readonly keyHandler: { readonly current: ViewKeyHandler | null };
  readonly rowState: { readonly current: string | undefined };
  readonly selection: { readonly current: unknown };
  readonly exit: () => void;
}

export function useRootInput(root: RootInput): void {
  // Keys that followed a prompt's Enter in one burst (`/acme⏎r`): they wait for the render that
  // applies the filter or opens the view, so they act on what the user saw when typing them.
  const typeAhead = useRef('');
  const onInput = (input: string, key: Key) => {
    const events = splitChunk(input, key);
    for (const [i, [one, oneKey]] of events.entries()) {
      const mode = root.state.current.mode;
      if (mode === 'COMMAND' || mode === 'FILTER') {
        // The rest of the chunk is text for the prompt: edited as a whole by the line-edit rule.
        // A split chunk is plain text, one event per character.
        const prompt =
          i === 0
            ? promptActions(input, key, Date.now())
            : promptActions([...input].slice(i).join(''), NO_KEY, Date.now());
        for (const action of prompt.actions) root.dispatch(action);
        typeAhead.current += prompt.typeAhead;
        return;
      }
      handleKey(root, one, oneKey);
    }
  };
  // One subscription for the app's life: Ink re-subscribes a handler that changes, which puts the
  // root after a dialog's handler, and a dialog's closing key (`y`, `n`) then reached the root too
  // (`y` opened the raw view over the approved request).
  const latest = useRef(onInput);
  latest.current = onInput;
  useInput(useCallback((input: string, key: Key) => latest.current(input, key), []));
  // After every commit: children's effects (the view's key handler) have run before this one.
  useEffect(() => {
    const keys = typeAhead.current;
    if (keys === '') return;
    typeAhead.current = '';
    onInput(keys, NO_KEY);
  });
}

function handleKey(
  { state, dispatch, readOnly, keyHandler, rowState, selection, exit }: RootInput,
  input: string,
  key: Key,
) {
  const name = keyName(input, key);
  if (name === 'ctrl+c') return exit();
  const { mode, stack } = state.current;
  if (mode === 'DIALOG') return; // the dialog's own inputs have the keyboard
  if (mode === 'HELP') {
    if (name === 'esc' || name === '?' || name === 'q') dispatch({ type: 'help/toggle' });
    return;
  }
  const view = currentEntry(stack).view;
  const action = actionForKey(view, name, { readOnly, rowState: rowState.current });
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
    case 'raw':
      // Any view that publishes its selection (useSelection) has a raw view, as k9s's `y`.
      if (selection.current === undefined) return;
      return dispatch({
        type: 'view/open',
        view: 'raw',
        label: 'raw',
        params: { json: JSON.stringify(selection.current) },
      });
    case 'quit':
      // `q` quits at the root, and goes back elsewhere (k9s).
      return stack.length > 1 ? dispatch({ type: 'view/back' }) : exit();
    default:
      keyHandler.current?.(action.id);
  }
}
