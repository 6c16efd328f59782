import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

/** `Label      value` on one line of a detail view. */
export function Field({
  label,
  children,
  width = 14,
}: {
  readonly label: string;
  readonly children: ReactNode;
  readonly width?: number;
}) {
  return (
    <Box>
      <Box width={width} flexShrink={0}>
        <Text dimColor>{label}</Text>
      </Box>
      <Text wrap="truncate">{children}</Text>
    </Box>
  );
}
