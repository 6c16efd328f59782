import { Text } from 'ink';

export interface BarProps {
  /** 0 to 1. */
  readonly share: number;
  readonly width: number;
  readonly color?: string;
}

/** `██████░░░░`: a progress or validity bar. */
export function Bar({ share, width, color }: BarProps) {
  const filled = Math.round(Math.min(1, Math.max(0, share)) * width);
  return (
    <Text>
      <Text color={color}>{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(Math.max(0, width - filled))}</Text>
    </Text>
  );
}
