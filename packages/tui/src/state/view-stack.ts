// The stack of views behind `esc` (k9s model/stack.go). Pure: no React, no I/O.
import type { ViewId } from '../views/view-ids.ts';

/** One screen of the stack: a view, what it shows, and the filter typed over it. */
export interface ViewEntry {
  readonly view: ViewId;
  /** Breadcrumb label. */
  readonly label: string;
  /** What the view shows: `{ id }` for a detail, `{ organisation }` for a drill-down, … */
  readonly params: Readonly<Record<string, string>>;
  /** The `/` filter applied to it ('' when none). */
  readonly filter: string;
}

/** Never empty: the bottom entry is the root view a `:` command chose. */
export type ViewStack = readonly [ViewEntry, ...ViewEntry[]];

export type ViewStackAction =
  | { readonly type: 'push'; readonly entry: Omit<ViewEntry, 'filter'> & { filter?: string } }
  | { readonly type: 'pop' }
  | { readonly type: 'reset'; readonly entry: Omit<ViewEntry, 'filter'> & { filter?: string } }
  | { readonly type: 'setFilter'; readonly filter: string };

export function viewEntry(
  view: ViewId,
  label: string,
  params: Record<string, string> = {},
  filter = '',
): ViewEntry {
  return { view, label, params, filter };
}

export function viewStackReducer(stack: ViewStack, action: ViewStackAction): ViewStack {
  switch (action.type) {
    case 'push':
      return [...stack, { filter: '', ...action.entry }];
    case 'pop':
      // `esc` at the root does nothing (B7).
      return stack.length > 1 ? (stack.slice(0, -1) as unknown as ViewStack) : stack;
    case 'reset':
      return [{ filter: '', ...action.entry }];
    case 'setFilter': {
      const top = currentEntry(stack);
      if (top.filter === action.filter) return stack;
      return [...stack.slice(0, -1), { ...top, filter: action.filter }] as unknown as ViewStack;
    }
  }
}

export function currentEntry(stack: ViewStack): ViewEntry {
  return stack[stack.length - 1]!;
}

/** `Certificates › Acme › acme-client` with each entry's filter as `/text`. */
export function breadcrumbs(stack: ViewStack): string[] {
  return stack.map((e) => (e.filter ? `${e.label} /${e.filter}` : e.label));
}
