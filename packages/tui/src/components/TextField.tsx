// A one-line text input. Unlike @inkjs/ui's TextInput it takes a pasted or fast-typed chunk that
// ends in Enter (`path⏎` in one read, as tmux and pastes deliver it) as text, then a submit; its
// editing keys are the shared line-edit rule, so no control byte is ever stored.
import { Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { editLine } from '../keys/line-edit.ts';

export interface TextFieldProps {
  readonly defaultValue?: string;
  readonly placeholder?: string;
  readonly onSubmit: (value: string) => void;
  readonly isDisabled?: boolean;
  /** Shows each character as `•` (an API key). */
  readonly mask?: boolean;
}

export function TextField({
  defaultValue = '',
  placeholder = '',
  onSubmit,
  isDisabled = false,
  mask = false,
}: TextFieldProps) {
  const [value, setValue] = useState(defaultValue);
  // Keys can arrive faster than React renders: edit the latest value, not the rendered one.
  const latest = useRef(defaultValue);

  useInput(
    (input, key) => {
      const edited = editLine(latest.current, input, key);
      latest.current = edited.text;
      setValue(edited.text);
      if (edited.submit) onSubmit(edited.text);
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
      {mask ? '•'.repeat([...value].length) : value}
      <Text inverse> </Text>
    </Text>
  );
}
