import { describe, expect, it } from 'vitest';
import { completion, parseCommand, promptReducer } from './prompt.ts';

describe('promptReducer', () => {
  const empty = { kind: 'command' as const, text: '' };
  const cases: [string, Parameters<typeof promptReducer>[1][], string][] = [
    [
      'types',
      [
        { type: 'type', text: 'o' },
        { type: 'type', text: 'rgs' },
      ],
      'orgs',
    ],
    ['keeps pasted text on one line', [{ type: 'type', text: 'a\nb' }], 'a b'],
    [
      'backspaces one character (not one UTF-16 unit)',
      [{ type: 'type', text: 'ab✓' }, { type: 'backspace' }],
      'ab',
    ],
    ['backspace on empty stays empty', [{ type: 'backspace' }], ''],
    ['clears a word', [{ type: 'type', text: 'certs /acme' }, { type: 'clearWord' }], 'certs '],
    [
      'completes',
      [
        { type: 'type', text: 'pro' },
        { type: 'complete', candidates: ['orgs', 'providers'] },
      ],
      'providers',
    ],
    [
      'no completion keeps the text',
      [
        { type: 'type', text: 'zz' },
        { type: 'complete', candidates: ['orgs'] },
      ],
      'zz',
    ],
  ];
  for (const [name, actions, text] of cases) {
    it(name, () => expect(actions.reduce(promptReducer, empty).text).toBe(text));
  }

  it('completion ignores an exact match and empty input', () => {
    expect(completion('orgs', ['orgs'])).toBeUndefined();
    expect(completion('', ['orgs'])).toBeUndefined();
    expect(completion('Or', ['orgs'])).toBe('orgs');
  });

  it('parses a command with a filter', () => {
    expect(parseCommand(' certs /acme pay ')).toEqual({ word: 'certs', filter: 'acme pay' });
    expect(parseCommand('orgs')).toEqual({ word: 'orgs', filter: undefined });
    expect(parseCommand('')).toEqual({ word: '', filter: undefined });
  });
});
