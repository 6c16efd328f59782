// A bordered panel for a dialog. `esc` closes it; the dialog's inputs own every other key.
import { Box, Text, useInput } from 'ink';
import type { ReactNode } from 'react';

export interface DialogProps {
  readonly title: string;
  readonly onCancel: () => void;
  readonly children: ReactNode;
  readonly color?: string;
  readonly footer?: string;
}

export function Dialog({ title, onCancel, children, color = 'cyan', footer = 'esc cancel' }: DialogProps) {
  useInput((_input, key) => {
    if (key.escape) onCancel();
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color} paddingX={1}>
      <Text bold color={color}>
        {title}
      </Text>
      {children}
      <Text dimColor>{footer}</Text>
    </Box>
  );
}
