// Keys in the `:` and `/` prompts. Editing follows the shared line-edit rule (as every dialog
// field does), so `ctrl-u`/`ctrl-w` work here too and no control byte reaches the prompt's text.
import type { Key } from 'ink';
import { lineKeys } from './keys/line-edit.ts';
import type { AppAction } from './state/app-state.ts';

const NAMED_KEYS: Readonly<Record<string, AppAction>> = {
  esc: { type: 'prompt/cancel' },
  tab: { type: 'prompt/edit', edit: { type: 'complete', candidates: [] } },
  up: { type: 'prompt/history', direction: 'older' },
  down: { type: 'prompt/history', direction: 'newer' },
};

/** The actions one input event makes while a prompt is open. */
export function promptActions(input: string, key: Key, now: number): AppAction[] {
  const actions: AppAction[] = [];
  for (const step of lineKeys(input, key)) {
    switch (step.type) {
      case 'submit':
        // The rest of a burst after Enter belongs to the view it opens, which is not listening yet.
        actions.push({ type: 'prompt/submit', now });
        return actions;
      case 'key': {
        const action = NAMED_KEYS[step.name];
        if (action) actions.push(action);
        break;
      }
      default:
        actions.push({ type: 'prompt/edit', edit: { type: 'line', step } });
    }
  }
  return actions;
}
