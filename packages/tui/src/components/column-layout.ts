// How a table's columns share the terminal's width, k9s-style: every line is exactly as wide as
// the table (a line one character too long wraps, and the wrapped rows push the header off the
// screen), columns that do not fit are dropped lowest priority first, text columns shrink to
// their minimum with an ellipsis, and spare width goes to the text columns whose content is cut.

export interface ColumnSpec {
  readonly title: string;
  /** Preferred width in characters. */
  readonly width: number;
  /** Text that may be cut (names, URLs): shrinks to `minWidth` and takes spare width. */
  readonly flex?: boolean;
  /** Narrowest a flex column may get (default: its title, at least 6, at most `width`). */
  readonly minWidth?: number;
  /** Higher stays longer when the table is too narrow (default: earlier columns are higher). */
  readonly priority?: number;
}

/** One space between columns. */
const GAP = 1;

export function minimumWidth(column: ColumnSpec): number {
  if (!column.flex) return column.width;
  return Math.min(column.width, column.minWidth ?? Math.max(6, column.title.length));
}

/**
 * Widths for `columns` in `width` characters: 0 for a dropped column, and the shown ones with one
 * space between them adding up to exactly `width`. `contentWidths[i]` is the longest text column
 * i holds on screen (title included), so spare width goes where text is cut.
 */
export function layoutColumns(
  columns: readonly ColumnSpec[],
  width: number,
  contentWidths: readonly number[] = [],
): number[] {
  const priority = (i: number) => columns[i]!.priority ?? columns.length - i;
  const shown = columns.map((_, i) => i);
  const needed = () =>
    shown.reduce((sum, i) => sum + minimumWidth(columns[i]!), 0) + GAP * (shown.length - 1);
  while (shown.length > 1 && needed() > width) {
    const lowest = shown.reduce((low, i) => (priority(i) < priority(low) ? i : low));
    shown.splice(shown.indexOf(lowest), 1);
  }
  const widths = columns.map(() => 0);
  for (const i of shown) widths[i] = columns[i]!.width;
  let spare = width - (shown.reduce((sum, i) => sum + widths[i]!, 0) + GAP * (shown.length - 1));
  // Too wide: take a character at a time from the widest flex column still above its minimum.
  while (spare < 0) {
    const widest = shown
      .filter((i) => columns[i]!.flex && widths[i]! > minimumWidth(columns[i]!))
      .reduce<number | undefined>(
        (best, i) => (best === undefined || widths[i]! > widths[best]! ? i : best),
        undefined,
      );
    if (widest === undefined) break;
    widths[widest]!--;
    spare++;
  }
  // Room left: first to the flex columns whose content is cut, the most cut first, a character at
  // a time; what remains goes to the last column shown, so every line is exactly `width`.
  while (spare > 0) {
    const cut = shown
      .filter((i) => columns[i]!.flex && (contentWidths[i] ?? 0) > widths[i]!)
      .reduce<number | undefined>(
        (best, i) =>
          best === undefined || contentWidths[i]! - widths[i]! > contentWidths[best]! - widths[best]!
            ? i
            : best,
        undefined,
      );
    if (cut === undefined) break;
    widths[cut]!++;
    spare--;
  }
  const last = shown[shown.length - 1];
  if (last !== undefined) widths[last] = Math.max(0, widths[last]! + spare);
  return widths;
}
