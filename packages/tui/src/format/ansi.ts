// Foreground colours as SGR escape codes, so a table row is one string (one Ink node) rather than
// a node per cell: the difference between ~40 and ~800 nodes to lay out on every key press.

const CODES: Readonly<Record<string, number>> = {
  black: 30,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  gray: 90,
};

/** `text` in `color` (a name Ink's `<Text color>` also takes); unknown or absent colours leave it plain. */
export function paint(text: string, color: string | undefined): string {
  const code = color ? CODES[color] : undefined;
  return code === undefined ? text : `\u001B[${code}m${text}\u001B[39m`;
}
