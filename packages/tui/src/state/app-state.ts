// The TUI's root state: input mode, view stack, prompt and flash, in one pure reducer. The root
// `useInput` turns keys into these actions; views add their own local state.
import { commandMatches, QUIT_COMMANDS, type ViewId, viewForCommand } from '../views/view-ids.ts';
import { type Flash, type FlashAction, type FlashLevel, flashReducer } from './flash.ts';
import { type Prompt, type PromptAction, parseCommand, promptReducer } from './prompt.ts';
import { currentEntry, type ViewEntry, type ViewStack, viewEntry, viewStackReducer } from './view-stack.ts';

/**
 * NORMAL: keys go to the keymap. COMMAND/FILTER: keys edit the prompt. HELP: the `?` overlay.
 * DIALOG: a view's dialog owns the keyboard (the root input only answers ctrl-c).
 */
export type Mode = 'NORMAL' | 'COMMAND' | 'FILTER' | 'HELP' | 'DIALOG';

export interface AppState {
  readonly mode: Mode;
  readonly stack: ViewStack;
  readonly prompt: Prompt | null;
  readonly flash: Flash | null;
  /** Set by `:q`; the app exits when it sees it. */
  readonly quit: boolean;
  /** Bumped by ctrl-r: views refetch when it changes. */
  readonly refresh: number;
  /** Commands submitted after `:`, oldest first, for Up/Down. */
  readonly history: readonly string[];
  /** Whether the server answered the last request; when not, since when (ms) and why. */
  readonly connection: Connection;
}

export type Connection =
  | { readonly online: true }
  | { readonly online: false; readonly since: number; readonly error: string };

export type AppAction =
  | { readonly type: 'command/open' }
  | { readonly type: 'filter/open' }
  | { readonly type: 'prompt/edit'; readonly edit: PromptAction }
  | { readonly type: 'prompt/cancel' }
  | { readonly type: 'prompt/submit'; readonly now: number }
  | { readonly type: 'prompt/history'; readonly direction: 'older' | 'newer' }
  | { readonly type: 'help/toggle' }
  | { readonly type: 'dialog/open' }
  | { readonly type: 'dialog/close' }
  | {
      readonly type: 'view/open';
      readonly view: ViewId;
      readonly label: string;
      readonly params?: Record<string, string>;
    }
  | {
      readonly type: 'view/switch';
      readonly view: ViewId;
      readonly label: string;
      readonly params?: Record<string, string>;
    }
  | { readonly type: 'view/back' }
  | { readonly type: 'refresh' }
  | { readonly type: 'quit' }
  | { readonly type: 'flash'; readonly action: FlashAction }
  /** A request's outcome: answered, or not reached (a network error). */
  | { readonly type: 'connection'; readonly online: boolean; readonly error?: string; readonly now: number };

export function initialAppState(root: ViewEntry = viewEntry('certs', 'Certificates')): AppState {
  return {
    mode: 'NORMAL',
    stack: [root],
    prompt: null,
    flash: null,
    quit: false,
    refresh: 0,
    history: [],
    connection: { online: true },
  };
}

/** A flash action with its timestamp, for dispatching from views. */
export function flash(level: FlashLevel, text: string, now = Date.now()): AppAction {
  return { type: 'flash', action: { type: 'show', level, text, now } };
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'command/open':
      return { ...state, mode: 'COMMAND', prompt: { kind: 'command', text: '' } };
    case 'filter/open':
      return { ...state, mode: 'FILTER', prompt: { kind: 'filter', text: currentEntry(state.stack).filter } };
    case 'prompt/edit': {
      if (!state.prompt) return state;
      const edit =
        action.edit.type === 'complete' && state.prompt.kind === 'command'
          ? { ...action.edit, candidates: commandMatches(state.prompt.text) }
          : action.edit;
      return { ...state, prompt: promptReducer(state.prompt, edit) };
    }
    case 'prompt/cancel':
      // esc in filter mode clears the filter as well (k9s).
      return state.prompt?.kind === 'filter'
        ? {
            ...state,
            mode: 'NORMAL',
            prompt: null,
            stack: viewStackReducer(state.stack, { type: 'setFilter', filter: '' }),
          }
        : { ...state, mode: 'NORMAL', prompt: null };
    case 'prompt/submit':
      return submit(state, action.now);
    case 'prompt/history':
      return recall(state, action.direction);
    case 'help/toggle':
      return { ...state, mode: state.mode === 'HELP' ? 'NORMAL' : 'HELP' };
    case 'dialog/open':
      return { ...state, mode: 'DIALOG' };
    case 'dialog/close':
      return state.mode === 'DIALOG' ? { ...state, mode: 'NORMAL' } : state;
    case 'view/open':
      return {
        ...state,
        mode: 'NORMAL',
        stack: viewStackReducer(state.stack, {
          type: 'push',
          entry: { view: action.view, label: action.label, params: action.params ?? {} },
        }),
      };
    case 'view/switch':
      return {
        ...state,
        mode: 'NORMAL',
        stack: viewStackReducer(state.stack, {
          type: 'reset',
          entry: { view: action.view, label: action.label, params: action.params ?? {} },
        }),
      };
    case 'view/back': {
      // esc first clears the filter of the current view, then goes back.
      const top = currentEntry(state.stack);
      const stack = top.filter
        ? viewStackReducer(state.stack, { type: 'setFilter', filter: '' })
        : viewStackReducer(state.stack, { type: 'pop' });
      return { ...state, stack };
    }
    case 'refresh':
      return { ...state, refresh: state.refresh + 1 };
    case 'quit':
      return { ...state, quit: true };
    case 'flash':
      return { ...state, flash: flashReducer(state.flash, action.action) };
    case 'connection':
      // Unchanged state is the same object, so a steady stream of answers renders nothing.
      if (action.online) return state.connection.online ? state : { ...state, connection: { online: true } };
      if (!state.connection.online) return state;
      return {
        ...state,
        connection: { online: false, since: action.now, error: action.error ?? 'the server did not answer' },
      };
  }
}

function submit(state: AppState, now: number): AppState {
  const prompt = state.prompt;
  const closed: AppState = { ...state, mode: 'NORMAL', prompt: null };
  if (!prompt) return closed;
  if (prompt.kind === 'filter') {
    return {
      ...closed,
      stack: viewStackReducer(state.stack, { type: 'setFilter', filter: prompt.text.trim() }),
    };
  }
  const { word, filter } = parseCommand(prompt.text);
  if (word === '') return closed;
  const typed = prompt.text.trim();
  const remembered = {
    ...closed,
    history: state.history.at(-1) === typed ? state.history : [...state.history, typed],
  };
  if (QUIT_COMMANDS.includes(word.toLowerCase())) return { ...remembered, quit: true };
  const matches = commandMatches(word);
  const command = viewForCommand(word) ?? (matches.length === 1 ? viewForCommand(matches[0]!) : undefined);
  if (!command) {
    const text =
      matches.length > 1
        ? `:${word} matches ${matches.join(', ')}: type more of it.`
        : `Unknown command :${word}. Try :certs, :orgs, :providers, :sync or ? for help.`;
    return { ...closed, flash: flashReducer(state.flash, { type: 'show', level: 'error', text, now }) };
  }
  const entry = { view: command.view, label: command.title, params: {}, filter: filter ?? '' };
  return { ...remembered, stack: viewStackReducer(state.stack, { type: 'reset', entry }) };
}

/** Up/Down in the `:` prompt: an earlier command, or back towards an empty line. */
function recall(state: AppState, direction: 'older' | 'newer'): AppState {
  const prompt = state.prompt;
  if (prompt?.kind !== 'command') return state;
  const current = prompt.recall ?? 0;
  const next = Math.max(0, Math.min(state.history.length, current + (direction === 'older' ? 1 : -1)));
  if (next === current) return state;
  const text = next === 0 ? '' : state.history[state.history.length - next]!;
  return { ...state, prompt: { ...prompt, text, recall: next } };
}
