import { Text } from 'ink';
import type { Flash } from '../state/flash.ts';
import type { Prompt } from '../state/prompt.ts';

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
    return (
      <Text wrap="truncate">
        <Text color="magenta" bold>
          {prompt.kind === 'command' ? ':' : '/'}
        </Text>
        {prompt.text}
        <Text inverse> </Text>
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
