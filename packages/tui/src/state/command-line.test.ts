import { describe, expect, it } from 'vitest';
import { commandMatches } from '../views/view-ids.ts';
import { type AppAction, type AppState, appReducer, initialAppState } from './app-state.ts';
import { currentEntry } from './view-stack.ts';

const type = (text: string): AppAction => ({ type: 'prompt/edit', edit: { type: 'type', text } });
const submit: AppAction = { type: 'prompt/submit', now: 0 };
const open: AppAction = { type: 'command/open' };
const tab: AppAction = { type: 'prompt/edit', edit: { type: 'complete', candidates: [] } };
const older: AppAction = { type: 'prompt/history', direction: 'older' };
const newer: AppAction = { type: 'prompt/history', direction: 'newer' };
const run = (state: AppState, ...actions: AppAction[]) => actions.reduce(appReducer, state);

describe(': command line', () => {
  it('lists the views a prefix matches (:pr → products, providers)', () => {
    expect(commandMatches('pr')).toEqual(['products', 'providers']);
    expect(commandMatches('orgs')).toEqual(['orgs']);
    expect(commandMatches('')).toEqual([]);
    expect(commandMatches('certs /acme')).toEqual([]);
  });

  it('tab completes only what the matches share, never silently picking one', () => {
    // `p` is products, providers and plans: nothing more in common.
    expect(run(initialAppState(), open, type('p'), tab).prompt?.text).toBe('p');
    expect(run(initialAppState(), open, type('pr'), tab).prompt?.text).toBe('pro');
    expect(run(initialAppState(), open, type('prov'), tab).prompt?.text).toBe('providers');
  });

  it('an ambiguous prefix submitted names its matches and stays put', () => {
    const state = run(initialAppState(), open, type('pr'), submit);
    expect(state.flash?.text).toContain('products, providers');
    expect(currentEntry(state.stack).view).toBe('certs');
  });

  it('up and down recall earlier commands, newest first', () => {
    const used = run(initialAppState(), open, type('orgs'), submit, open, type('sync'), submit, open);
    expect(run(used, older).prompt?.text).toBe('sync');
    expect(run(used, older, older).prompt?.text).toBe('orgs');
    expect(run(used, older, older, older).prompt?.text).toBe('orgs');
    expect(run(used, older, older, newer).prompt?.text).toBe('sync');
    expect(run(used, older, newer).prompt?.text).toBe('');
  });
});
