import { Text } from 'ink';

export interface Hint {
  readonly key: string;
  readonly hint: string;
  readonly dangerous: boolean;
}

/** The bottom line: the current view's visible keys, from the keymap. */
export function HintBar({ hints }: { readonly hints: readonly Hint[] }) {
  return (
    <Text wrap="truncate">
      {hints.map((h) => (
        <Text key={`${h.key}:${h.hint}`}>
          <Text color={h.dangerous ? 'red' : 'magenta'}>{`<${h.key}>`}</Text>
          <Text dimColor>{` ${h.hint}  `}</Text>
        </Text>
      ))}
    </Text>
  );
}
