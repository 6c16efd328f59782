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

/** The options whose label holds `filter` (case-insensitive). */
function matching(options: readonly PickerOption[], filter: string): readonly PickerOption[] {
  const wanted = filter.toLowerCase();
  return wanted ? options.filter((o) => o.label.toLowerCase().includes(wanted)) : options;
}

/**
 * The focused row and the `/` filter (as in every list of the TUI): `/` starts typing one, letters
 * (`j` and `k` too) go into it, backspace takes one back, enter ends the typing and the list keys
 * move again. `onKey` gets every other key by name, with the focused option of the shown list.
 */
function usePickerState(
  options: readonly PickerOption[],
  isActive: boolean,
  onKey: (name: string, option: PickerOption | undefined, shown: readonly PickerOption[]) => void,
) {
  const [state, setState] = useState({ focus: 0, filter: '', typing: false });
  // Keys can arrive faster than React renders (`jj` in one read): work from the latest state.
  const latest = useRef(state);
  useInput(
    (input, key) => {
      for (const [one, k] of splitChunk(input, key)) {
        const name = keyName(one, k);
        const now = latest.current;
        const shown = matching(options, now.filter);
        if (now.typing) {
          if (name === 'enter') latest.current = { ...now, typing: false };
          else if (name === 'backspace')
            latest.current = { ...now, filter: now.filter.slice(0, -1), focus: 0 };
          else if ([...name].length === 1) latest.current = { ...now, filter: now.filter + name, focus: 0 };
          continue;
        }
        const move = MOVES[name];
        if (name === '/') latest.current = { ...now, typing: true };
        else if (move !== undefined)
          latest.current = { ...now, focus: Math.max(0, Math.min(shown.length - 1, now.focus + move)) };
        else onKey(name, shown[now.focus], shown);
      }
      setState(latest.current);
    },
    { isActive },
  );
  const shown = matching(options, state.filter);
  return { ...state, focus: Math.min(state.focus, Math.max(0, shown.length - 1)), shown };
}

/** The filter line, while one is typed or applied. */
function FilterLine({ filter, typing, shown }: { filter: string; typing: boolean; shown: number }) {
  if (!typing && !filter) return null;
  return (
    <Text dimColor={!typing}>
      /{filter}
      {typing ? '▏' : ''} ({shown} match{shown === 1 ? '' : 'es'})
    </Text>
  );
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
  const { focus, filter, typing, shown } = usePickerState(options, !isDisabled, (name, option) => {
    if (name === 'enter' && option) onChange(option.value);
  });
  return (
    <Box flexDirection="column">
      <FilterLine filter={filter} typing={typing} shown={shown.length} />
      {windowed(shown, focus, visibleOptionCount).map(({ item, index }) => (
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

/**
 * Several choices: space toggles the focused option, enter submits every chosen one, those the
 * filter hides and those given in `defaultValue` that are not among the options included (a
 * choice is never dropped because it is out of sight).
 */
export function MultiPicker({
  options,
  defaultValue = [],
  onSubmit,
  isDisabled = false,
  visibleOptionCount = 5,
}: MultiPickerProps) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(defaultValue));
  const latest = useRef(chosen);
  const { focus, filter, typing, shown } = usePickerState(options, !isDisabled, (name, option) => {
    if (name === ' ' && option) {
      const next = new Set(latest.current);
      if (next.has(option.value)) next.delete(option.value);
      else next.add(option.value);
      latest.current = next;
      setChosen(next);
    } else if (name === 'enter') {
      // In the options' order, then any chosen value the options do not hold.
      const listed = options.filter((o) => latest.current.has(o.value)).map((o) => o.value);
      onSubmit([...listed, ...[...latest.current].filter((v) => !listed.includes(v))]);
    }
  });
  return (
    <Box flexDirection="column">
      <FilterLine filter={filter} typing={typing} shown={shown.length} />
      {windowed(shown, focus, visibleOptionCount).map(({ item, index }) => (
        <Text key={item.value} color={index === focus && !isDisabled ? 'cyan' : undefined}>
          {index === focus ? '❯ ' : '  '}
          {chosen.has(item.value) ? '◉ ' : '○ '}
          {item.label}
        </Text>
      ))}
    </Box>
  );
}
