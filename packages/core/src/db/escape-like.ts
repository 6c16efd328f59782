/** Escapes `LIKE` wildcards with PostgreSQL's default escape character, so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
