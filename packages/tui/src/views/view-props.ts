import type { ViewEntry } from '../state/view-stack.ts';

/** What App gives the view on top of the stack. */
export interface ViewProps {
  readonly entry: ViewEntry;
  /** Lines the view may use. */
  readonly height: number;
  readonly width: number;
}
