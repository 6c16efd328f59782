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

/**
 * The actions one input event makes while a prompt is open, and the keys that followed Enter in the
 * same burst (`typeAhead`): they belong to the view the prompt leaves behind, once it has rendered.
 */
export function promptActions(
  input: string,
  key: Key,
  now: number,
): { actions: AppAction[]; typeAhead: string } {
  const actions: AppAction[] = [];
  for (const step of lineKeys(input, key)) {
    switch (step.type) {
      case 'submit':
        actions.push({ type: 'prompt/submit', now });
        return { actions, typeAhead: step.rest };
      case 'key': {
        const action = NAMED_KEYS[step.name];
        if (action) actions.push(action);
        break;
      }
      default:
        actions.push({ type: 'prompt/edit', edit: { type: 'line', step } });
    }
  }
  return { actions, typeAhead: '' };
}
