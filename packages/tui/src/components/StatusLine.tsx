import { Text } from 'ink';
import type { Flash } from '../state/flash.ts';
import type { Prompt } from '../state/prompt.ts';
import { commandMatches } from '../views/view-ids.ts';

const COLORS = { info: 'green', warn: 'yellow', error: 'red' } as const;

/** The prompt while typing after `:` or `/`, otherwise the flash message (one line either way). */
export function StatusLine({
  prompt,
  flash,
}: {
  readonly prompt: Prompt | null;
  readonly flash: Flash | null;
}) {
  if (prompt) {
    // `:pr` shows what it could become (products, providers) rather than picking one.
    const matches = prompt.kind === 'command' ? commandMatches(prompt.text) : [];
    return (
      <Text wrap="truncate">
        <Text color="magenta" bold>
          {prompt.kind === 'command' ? ':' : '/'}
        </Text>
        {prompt.text}
        <Text inverse> </Text>
        {matches.length > 1 && <Text dimColor>{`  ${matches.join('  ')}`}</Text>}
      </Text>
    );
  }
  if (!flash) return <Text> </Text>;
  return (
    <Text color={COLORS[flash.level]} wrap="truncate">
      {flash.text}
    </Text>
  );
}
