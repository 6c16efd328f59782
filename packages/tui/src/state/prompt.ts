// The text typed after `:` or `/` (k9s model/cmd_buff.go). Pure.
import { applyLineKey, type LineKey } from '../keys/line-edit.ts';

export interface Prompt {
  readonly kind: 'command' | 'filter';
  readonly text: string;
  /** How far back in the command history Up has gone (0: the line being typed). */
  readonly recall?: number;
}

export type PromptAction =
  | { readonly type: 'type'; readonly text: string }
  | { readonly type: 'backspace' }
  | { readonly type: 'clearWord' }
  /** One step of the shared line-edit rule (keys/line-edit.ts), as the prompt's keys arrive. */
  | { readonly type: 'line'; readonly step: LineKey }
  | { readonly type: 'complete'; readonly candidates: readonly string[] };

export function promptReducer(prompt: Prompt, action: PromptAction): Prompt {
  switch (action.type) {
    case 'type':
      // Pasted text arrives whole; keep it on one line.
      return { ...prompt, text: prompt.text + action.text.replace(/[\r\n]+/g, ' ') };
    case 'backspace':
    case 'clearWord':
      return { ...prompt, text: applyLineKey(prompt.text, action) };
    case 'line':
      return { ...prompt, text: applyLineKey(prompt.text, action.step) };
    case 'complete': {
      const completed = completion(prompt.text, action.candidates);
      return completed === undefined ? prompt : { ...prompt, text: completed };
    }
  }
}

/**
 * What every candidate extending `text` shares (`p` with products, providers → `pr`): a tab never
 * picks one of several silently. Undefined when that adds nothing.
 */
export function completion(text: string, candidates: readonly string[]): string | undefined {
  if (text === '') return undefined;
  const lower = text.toLowerCase();
  const matching = candidates.filter((c) => c.startsWith(lower));
  if (matching.length === 0) return undefined;
  let shared = matching[0]!;
  for (const c of matching) while (!c.startsWith(shared)) shared = shared.slice(0, -1);
  return shared.length > lower.length ? shared : undefined;
}

/** A command line split into its command word and an optional `/filter` (`:certs /acme`). */
export function parseCommand(text: string): { word: string; filter: string | undefined } {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const head = (slash >= 0 ? trimmed.slice(0, slash) : trimmed).trim();
  const filter = slash >= 0 ? trimmed.slice(slash + 1).trim() : undefined;
  return { word: head.split(/\s+/)[0] ?? '', filter };
}
