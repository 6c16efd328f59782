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
