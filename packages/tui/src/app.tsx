// The whole TUI: header, breadcrumbs, the view on top of the stack (or help), the prompt/flash
// line and the hint bar. The client is given, so tests point it at a live in-process server.
import type { Client } from '@urql/core';
import { Box, useApp as useInk, useStdout } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { AppContext, type AppContextValue, ViewActiveContext, type ViewKeyHandler } from './app-context.ts';
import { Crumbs } from './components/Crumbs.tsx';
import { Header } from './components/Header.tsx';
import { HintBar } from './components/HintBar.tsx';
import { StatusLine } from './components/StatusLine.tsx';
import type { Viewer } from './graphql/operations/viewer.ts';
import { hintsFor } from './keys/keymap.ts';
import { useRootInput } from './root-input.ts';
import { appReducer, initialAppState } from './state/app-state.ts';
import { breadcrumbs, currentEntry } from './state/view-stack.ts';
import { useStore } from './use-store.ts';
import { useTerminalSize } from './use-terminal-size.ts';
import { HelpView } from './views/HelpView.tsx';
import { VIEWS } from './views/registry.tsx';
import { SyncTracker } from './views/sync/sync-tracker.ts';

export interface AppProps {
  readonly client: Client;
  readonly viewer: Viewer;
  readonly url: string;
  readonly readOnly?: boolean;
  /** Relative PEM paths start here. */
  readonly cwd?: string;
  /** Terminal size; defaults to stdout's (tests have none). */
  readonly size?: { columns: number; rows: number };
  /** How often live lists (requests, sync runs, products, plans, providers) ask again (ms). */
  readonly liveRefreshMs?: number;
}

/** Lists others change (requests submitted, approvals, scheduled syncs) ask again this often. */
export const LIVE_REFRESH_MS = 5_000;

/** Header, crumbs, status line and hints. */
const CHROME_LINES = 4;

export function App({
  client,
  viewer,
  url,
  readOnly = false,
  cwd = process.cwd(),
  size,
  liveRefreshMs = LIVE_REFRESH_MS,
}: AppProps) {
  const { exit } = useInk();
  const { stdout } = useStdout();
  const terminal = useTerminalSize();
  const [state, dispatch, stateRef] = useStore(appReducer, () => initialAppState());
  const keyHandler = useRef<ViewKeyHandler | null>(null);
  const [rowStateValue, setRowStateValue] = useState<string | undefined>(undefined);
  // The root input reads it between renders; the hint bar renders from the state.
  const rowState = useMemo(() => {
    const holder = {
      current: undefined as string | undefined,
      set: (next: string | undefined) => {
        holder.current = next;
        setRowStateValue(next);
      },
    };
    return holder;
  }, []);
  const syncTracker = useMemo(() => new SyncTracker(client), [client]);
  const selection = useRef<unknown>(undefined);
  const columns = size?.columns ?? terminal.columns;
  const rows = size?.rows ?? terminal.rows;
  const entry = currentEntry(state.stack);

  useRootInput({ state: stateRef, dispatch, readOnly, keyHandler, rowState, selection, exit });
  useEffect(() => () => syncTracker.stop(), [syncTracker]);
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);
  useEffect(() => {
    if (!state.flash) return;
    const timer = setTimeout(
      () => dispatch({ type: 'flash', action: { type: 'expire', now: Date.now() } }),
      state.flash.until - Date.now() + 10,
    );
    return () => clearTimeout(timer);
  }, [state.flash, dispatch]);

  const context: AppContextValue = useMemo(
    () => ({
      client,
      dispatch,
      readOnly,
      cwd,
      refresh: state.refresh,
      keyHandler,
      syncTracker,
      rowState,
      selection,
      liveRefreshMs,
      idle: state.mode === 'NORMAL',
      online: state.connection.online,
      writeRaw: stdout.isTTY ? (data: string) => stdout.write(data) : undefined,
    }),
    [
      client,
      dispatch,
      readOnly,
      cwd,
      state.refresh,
      syncTracker,
      rowState,
      stdout,
      liveRefreshMs,
      state.mode,
      state.connection.online,
    ],
  );
  const bodyHeight = Math.max(3, rows - CHROME_LINES);
  return (
    <AppContext.Provider value={context}>
      <Box flexDirection="column" width={columns} height={rows}>
        <Header url={url} user={viewer.name} readOnly={readOnly} connection={state.connection} />
        <Crumbs crumbs={breadcrumbs(state.stack)} />
        <Box flexDirection="column" height={bodyHeight}>
          {state.mode === 'HELP' ? <HelpView view={entry.view} readOnly={readOnly} /> : null}
          {/* Every view of the stack stays mounted; only the top one shows (and not under help), so
              esc finds the list as it was left: same rows, same cursor, no reload. */}
          {state.stack.map((stacked, i) => {
            const View = VIEWS[stacked.view];
            const top = i === state.stack.length - 1;
            return (
              <Box
                // biome-ignore lint/suspicious/noArrayIndexKey: a stack: the depth is part of what an entry is.
                key={`${i}:${stacked.view}:${JSON.stringify(stacked.params)}`}
                display={top && state.mode !== 'HELP' ? 'flex' : 'none'}
                flexDirection="column"
              >
                <ViewActiveContext.Provider value={top}>
                  <View entry={stacked} height={bodyHeight} width={columns} />
                </ViewActiveContext.Provider>
              </Box>
            );
          })}
        </Box>
        <StatusLine prompt={state.prompt} flash={state.flash} />
        <HintBar hints={hintsFor(entry.view, { readOnly, rowState: rowStateValue })} />
      </Box>
    </AppContext.Provider>
  );
}
