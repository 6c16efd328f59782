import { describe, expect, it } from 'vitest';
import { breadcrumbs, currentEntry, type ViewStack, viewEntry, viewStackReducer } from './view-stack.ts';

const root: ViewStack = [viewEntry('orgs', 'Organisations')];

describe('viewStackReducer', () => {
  it('pushes, pops, and never pops the root', () => {
    const pushed = viewStackReducer(root, {
      type: 'push',
      entry: { view: 'certs', label: 'Acme', params: { organisation: 'o1' } },
    });
    expect(pushed).toHaveLength(2);
    expect(currentEntry(pushed)).toEqual({
      view: 'certs',
      label: 'Acme',
      params: { organisation: 'o1' },
      filter: '',
    });
    expect(viewStackReducer(pushed, { type: 'pop' })).toEqual(root);
    expect(viewStackReducer(root, { type: 'pop' })).toBe(root);
  });

  it('reset replaces the whole stack', () => {
    const deep = viewStackReducer(root, {
      type: 'push',
      entry: { view: 'certs', label: 'Acme', params: {} },
    });
    expect(
      viewStackReducer(deep, { type: 'reset', entry: { view: 'sync', label: 'Sync runs', params: {} } }),
    ).toEqual([viewEntry('sync', 'Sync runs')]);
  });

  it('sets the filter of the top entry only, keeping identity when unchanged', () => {
    const deep = viewStackReducer(root, {
      type: 'push',
      entry: { view: 'certs', label: 'Acme', params: {} },
    });
    const filtered = viewStackReducer(deep, { type: 'setFilter', filter: 'payments' });
    expect(filtered.map((e) => e.filter)).toEqual(['', 'payments']);
    expect(viewStackReducer(filtered, { type: 'setFilter', filter: 'payments' })).toBe(filtered);
  });

  it('breadcrumbs show labels and filters', () => {
    const stack = viewStackReducer(
      viewStackReducer(root, { type: 'push', entry: { view: 'certs', label: 'Acme', params: {} } }),
      { type: 'setFilter', filter: 'ab:cd' },
    );
    expect(breadcrumbs(stack)).toEqual(['Organisations', 'Acme /ab:cd']);
  });
});
