// A one-line text input. Unlike @inkjs/ui's TextInput it takes a pasted or fast-typed chunk that
// ends in Enter (`path⏎` in one read, as tmux and pastes deliver it) as text, then a submit.
import { Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { splitChunk } from '../keys/split-chunk.ts';

export interface TextFieldProps {
  readonly defaultValue?: string;
  readonly placeholder?: string;
  readonly onSubmit: (value: string) => void;
  readonly isDisabled?: boolean;
}

export function TextField({
  defaultValue = '',
  placeholder = '',
  onSubmit,
  isDisabled = false,
}: TextFieldProps) {
  const [value, setValue] = useState(defaultValue);
  // Keys can arrive faster than React renders: edit the latest value, not the rendered one.
  const latest = useRef(defaultValue);

  useInput(
    (input, key) => {
      let next = latest.current;
      for (const [one, k] of splitChunk(input, key)) {
        if (k.return) {
          latest.current = next;
          setValue(next);
          onSubmit(next);
          return;
        }
        if (k.backspace || k.delete) next = [...next].slice(0, -1).join('');
        else if (k.ctrl && one === 'u') next = '';
        else if (k.ctrl && one === 'w') next = next.replace(/\S+\s*$/, '');
        else if (!k.ctrl && !k.meta && !k.escape && !k.tab && !k.upArrow && !k.downArrow && one) next += one;
      }
      latest.current = next;
      setValue(next);
    },
    { isActive: !isDisabled },
  );

  if (value === '') {
    return (
      <Text>
        <Text inverse>{placeholder.slice(0, 1) || ' '}</Text>
        <Text dimColor>{placeholder.slice(1)}</Text>
      </Text>
    );
  }
  return (
    <Text>
      {value}
      <Text inverse> </Text>
    </Text>
  );
}
