// Choosing from a list in a dialog, with the list keys of every table (`j`/`k` as well as the
// arrows), which @inkjs/ui's Select and MultiSelect do not take.
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { keyName } from '../keys/key-name.ts';
import { splitChunk } from '../keys/split-chunk.ts';

export interface PickerOption {
  readonly label: string;
  readonly value: string;
}

const MOVES: Readonly<Record<string, number>> = { j: 1, down: 1, k: -1, up: -1 };

/** The focused row, moved by the list keys; `onKey` gets every other key by name. */
function usePickerFocus(count: number, isActive: boolean, onKey: (name: string, focus: number) => void) {
  const [focus, setFocus] = useState(0);
  // Keys can arrive faster than React renders (`jj` in one read): move from the latest focus.
  const latest = useRef(0);
  useInput(
    (input, key) => {
      for (const [one, k] of splitChunk(input, key)) {
        const name = keyName(one, k);
        const move = MOVES[name];
        if (move !== undefined) latest.current = Math.max(0, Math.min(count - 1, latest.current + move));
        else onKey(name, latest.current);
      }
      setFocus(latest.current);
    },
    { isActive },
  );
  return focus;
}

/** The rows shown around the focus when there are more than fit. */
function windowed<T>(items: readonly T[], focus: number, visible: number): { item: T; index: number }[] {
  const start = Math.max(0, Math.min(focus - visible + 1, items.length - visible));
  return items.slice(Math.max(0, start), Math.max(0, start) + visible).map((item, i) => ({
    item,
    index: Math.max(0, start) + i,
  }));
}

export interface PickerProps {
  readonly options: readonly PickerOption[];
  readonly onChange: (value: string) => void;
  readonly isDisabled?: boolean;
  readonly visibleOptionCount?: number;
}

/** One choice: enter picks the focused option. */
export function Picker({ options, onChange, isDisabled = false, visibleOptionCount = 5 }: PickerProps) {
  const focus = usePickerFocus(options.length, !isDisabled, (name, at) => {
    if (name === 'enter' && options[at]) onChange(options[at].value);
  });
  return (
    <Box flexDirection="column">
      {windowed(options, focus, visibleOptionCount).map(({ item, index }) => (
        <Text key={item.value} color={index === focus && !isDisabled ? 'cyan' : undefined}>
          {index === focus ? '❯ ' : '  '}
          {item.label}
        </Text>
      ))}
    </Box>
  );
}

export interface MultiPickerProps {
  readonly options: readonly PickerOption[];
  readonly defaultValue?: readonly string[];
  readonly onSubmit: (values: string[]) => void;
  readonly isDisabled?: boolean;
  readonly visibleOptionCount?: number;
}

/** Several choices: space toggles the focused option, enter submits the chosen ones. */
export function MultiPicker({
  options,
  defaultValue = [],
  onSubmit,
  isDisabled = false,
  visibleOptionCount = 5,
}: MultiPickerProps) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(defaultValue));
  const latest = useRef(chosen);
  const focus = usePickerFocus(options.length, !isDisabled, (name, at) => {
    const option = options[at];
    if (name === ' ' && option) {
      const next = new Set(latest.current);
      if (next.has(option.value)) next.delete(option.value);
      else next.add(option.value);
      latest.current = next;
      setChosen(next);
    } else if (name === 'enter') {
      onSubmit(options.filter((o) => latest.current.has(o.value)).map((o) => o.value));
    }
  });
  return (
    <Box flexDirection="column">
      {windowed(options, focus, visibleOptionCount).map(({ item, index }) => (
        <Text key={item.value} color={index === focus && !isDisabled ? 'cyan' : undefined}>
          {index === focus ? '❯ ' : '  '}
          {chosen.has(item.value) ? '◉ ' : '○ '}
          {item.label}
        </Text>
      ))}
    </Box>
  );
}
