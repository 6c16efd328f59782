// What every view reaches without props: the client, the dispatcher, read-only mode, and the
// slot through which the root input hands a view the actions of its keymap.
import type { Client } from '@urql/core';
import { createContext, type Dispatch, useContext, useEffect, useRef } from 'react';
import type { ActionId } from './keys/keymap.ts';
import type { AppAction } from './state/app-state.ts';
import type { SyncTracker } from './views/sync/sync-tracker.ts';

/** Handles a keymap action (`upload`, `down`, …); returns false when it did nothing. */
export type ViewKeyHandler = (actionId: ActionId) => boolean | undefined;

export interface AppContextValue {
  readonly client: Client;
  readonly dispatch: Dispatch<AppAction>;
  readonly readOnly: boolean;
  /** Relative paths typed in the TUI start here. */
  readonly cwd: string;
  /** Bumped by ctrl-r. */
  readonly refresh: number;
  /** Writes straight to the terminal (OSC 52 copy); absent in tests. */
  readonly writeRaw?: (data: string) => void;
  readonly keyHandler: { current: ViewKeyHandler | null };
  /** The sync run being watched, across views. */
  readonly syncTracker: SyncTracker;
  /** The selected row's status, so hints and keys offer only what it allows. */
  readonly rowState: { current: string | undefined; set: (state: string | undefined) => void };
  /** The selected object as the view has it, for the raw view (`y`). */
  readonly selection: { current: unknown };
  /** How often live lists ask again while on screen (ms); 0: never. */
  readonly liveRefreshMs: number;
  /** No dialog, prompt or help is open: a live list may refresh under the user's eyes. */
  readonly idle: boolean;
  /** The server answered the last request; when false, views keep their last data, dimmed. */
  readonly online: boolean;
}

export const AppContext = createContext<AppContextValue | null>(null);

/**
 * Whether the view is the one on top of the stack. The views under it stay mounted (hidden), so
 * `esc` returns to the same row and page without a reload; only the top one takes keys and says
 * what is selected.
 */
export const ViewActiveContext = createContext(true);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp() outside <App>');
  return value;
}

/** Registers the current view's handler of keymap actions (the latest closure wins). */
export function useViewKeys(handler: ViewKeyHandler): void {
  const { keyHandler } = useApp();
  const active = useContext(ViewActiveContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!active) return;
    const forward: ViewKeyHandler = (id) => latest.current(id);
    keyHandler.current = forward;
    return () => {
      if (keyHandler.current === forward) keyHandler.current = null;
    };
  }, [keyHandler, active]);
}

/** Publishes the selected row's status (`PENDING`, `HELD`) while the view shows it. */
export function useRowState(state: string | undefined): void {
  const { rowState } = useApp();
  const active = useContext(ViewActiveContext);
  useEffect(() => {
    if (active) rowState.set(state);
  }, [rowState, state, active]);
  useEffect(() => (active ? () => rowState.set(undefined) : undefined), [rowState, active]);
}

/** Publishes the selected object (a row, a detail's object) while the view shows it: `y` shows it raw. */
export function useSelection(value: unknown): void {
  const { selection } = useApp();
  const active = useContext(ViewActiveContext);
  useEffect(() => {
    if (active) selection.current = value;
  }, [selection, value, active]);
  useEffect(
    () =>
      active
        ? () => {
            selection.current = undefined;
          }
        : undefined,
    [selection, active],
  );
}
