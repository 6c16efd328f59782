import { describe, expect, it } from 'vitest';
import { VIEW_IDS } from '../views/view-ids.ts';
import { actionForKey, actionsFor, helpSections, hintsFor, KEYMAP } from './keymap.ts';

describe('keymap', () => {
  it('binds no key twice within a view', () => {
    for (const view of VIEW_IDS) {
      const keys = actionsFor(view, { readOnly: false }).flatMap((a) => a.keys);
      expect(keys, view).toEqual([...new Set(keys)]);
    }
  });

  it('gives every action a unique id per view and a description', () => {
    for (const action of KEYMAP) expect(action.description.length, action.id).toBeGreaterThan(3);
  });

  it('read-only mode drops every write and dangerous action: from keys, hints and help', () => {
    for (const view of VIEW_IDS) {
      const readOnly = actionsFor(view, { readOnly: true });
      expect(
        readOnly.some((a) => a.writes || a.dangerous),
        view,
      ).toBe(false);
    }
    expect(actionForKey('certs', 'ctrl+d', { readOnly: false })?.id).toBe('delete');
    expect(actionForKey('certs', 'ctrl+d', { readOnly: true })).toBeUndefined();
    expect(actionForKey('certs', 'u', { readOnly: true })).toBeUndefined();
    expect(hintsFor('certs', { readOnly: true }).map((h) => h.hint)).not.toContain('upload');
    const help = helpSections('sync', { readOnly: true }).flatMap((s) => s.actions.map((a) => a.id));
    expect(help).not.toContain('sync');
    expect(help).not.toContain('discard');
  });

  it('hints show visible actions of the view, dangerous ones marked', () => {
    const hints = hintsFor('certs', { readOnly: false });
    expect(hints.map((h) => h.key)).toEqual(expect.arrayContaining([':', '/', '?', 'enter', 'u', 'ctrl+d']));
    expect(hints.find((h) => h.key === 'ctrl+d')?.dangerous).toBe(true);
    expect(hints.map((h) => h.key)).not.toContain('j');
  });

  it('help lists sections in order View, General, Navigation', () => {
    expect(helpSections('certs', { readOnly: false }).map((s) => s.section)).toEqual([
      'View',
      'General',
      'Navigation',
    ]);
  });
});

describe('actions valid in the row state', () => {
  const hints = (view: 'requests' | 'sync', rowState?: string) =>
    hintsFor(view, { readOnly: false, rowState }).map((h) => h.hint);

  it('offers approve and reject only on a PENDING request, retry only on a FAILED one', () => {
    expect(hints('requests', 'PENDING')).toEqual(expect.arrayContaining(['approve', 'reject']));
    expect(hints('requests', 'PENDING')).not.toContain('retry');
    expect(hints('requests', 'APPROVED')).not.toContain('approve');
    expect(hints('requests', 'APPROVED')).not.toContain('reject');
    expect(hints('requests', 'FAILED')).toEqual(expect.arrayContaining(['retry', 'reject']));
    expect(actionForKey('requests', 'a', { readOnly: false, rowState: 'APPROVED' })).toBeUndefined();
  });

  it('offers confirm and discard only on a HELD run', () => {
    expect(hints('sync', 'HELD')).toEqual(expect.arrayContaining(['confirm', 'discard']));
    expect(hints('sync', 'APPLIED')).not.toContain('confirm');
    expect(hints('sync', 'APPLIED')).not.toContain('discard');
  });
});
