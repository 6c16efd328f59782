import { describe, expect, it } from 'vitest';
import { type AppAction, type AppState, appReducer, initialAppState } from './app-state.ts';
import { currentEntry } from './view-stack.ts';

const run = (...actions: AppAction[]): AppState => actions.reduce(appReducer, initialAppState());
const type = (text: string): AppAction => ({ type: 'prompt/edit', edit: { type: 'type', text } });
const submit: AppAction = { type: 'prompt/submit', now: 0 };

describe('appReducer', () => {
  it('starts on :certs in NORMAL mode', () => {
    const state = initialAppState();
    expect(state.mode).toBe('NORMAL');
    expect(currentEntry(state.stack).view).toBe('certs');
  });

  it(':orgs switches the root view (aliases too), with an optional filter', () => {
    expect(currentEntry(run({ type: 'command/open' }, type('orgs'), submit).stack).view).toBe('orgs');
    expect(currentEntry(run({ type: 'command/open' }, type('organisations'), submit).stack).view).toBe(
      'orgs',
    );
    const state = run({ type: 'command/open' }, type('certs /acme'), submit);
    expect(currentEntry(state.stack)).toMatchObject({ view: 'certs', filter: 'acme' });
    expect(state.mode).toBe('NORMAL');
  });

  it('tab completes a command', () => {
    const state = run({ type: 'command/open' }, type('prov'), {
      type: 'prompt/edit',
      edit: { type: 'complete', candidates: [] },
    });
    expect(state.prompt?.text).toBe('providers');
  });

  it('an unknown command flashes an error and changes nothing else', () => {
    const state = run({ type: 'command/open' }, type('nope'), submit);
    expect(state.flash).toMatchObject({ level: 'error' });
    expect(state.flash?.text).toContain(':nope');
    expect(currentEntry(state.stack).view).toBe('certs');
  });

  it(':q quits', () => {
    expect(run({ type: 'command/open' }, type('q'), submit).quit).toBe(true);
  });

  it('/ filters the current view; esc in the prompt clears it', () => {
    const filtered = run({ type: 'filter/open' }, type('ab:cd'), submit);
    expect(currentEntry(filtered.stack).filter).toBe('ab:cd');
    const reopened = appReducer(filtered, { type: 'filter/open' });
    expect(reopened.prompt).toEqual({ kind: 'filter', text: 'ab:cd' });
    expect(currentEntry(appReducer(reopened, { type: 'prompt/cancel' }).stack).filter).toBe('');
  });

  it('esc clears the filter first, then goes back', () => {
    const state = run(
      { type: 'view/open', view: 'cert', label: 'x', params: { id: '1' } },
      { type: 'filter/open' },
      type('zz'),
      submit,
    );
    const cleared = appReducer(state, { type: 'view/back' });
    expect(cleared.stack).toHaveLength(2);
    expect(currentEntry(cleared.stack).filter).toBe('');
    expect(appReducer(cleared, { type: 'view/back' }).stack).toHaveLength(1);
  });

  it('help and dialogs are modes', () => {
    expect(run({ type: 'help/toggle' }).mode).toBe('HELP');
    expect(run({ type: 'help/toggle' }, { type: 'help/toggle' }).mode).toBe('NORMAL');
    expect(run({ type: 'dialog/open' }).mode).toBe('DIALOG');
    expect(run({ type: 'dialog/open' }, { type: 'dialog/close' }).mode).toBe('NORMAL');
    expect(run({ type: 'help/toggle' }, { type: 'dialog/close' }).mode).toBe('HELP');
  });

  it('refresh bumps a counter the views watch', () => {
    expect(run({ type: 'refresh' }, { type: 'refresh' }).refresh).toBe(2);
  });
});
