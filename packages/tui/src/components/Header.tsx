import { Box, Text } from 'ink';

export interface HeaderProps {
  readonly url: string;
  readonly user: string;
  readonly readOnly: boolean;
}

/** Top line: product, server, who, and the read-only badge. */
export function Header({ url, user, readOnly }: HeaderProps) {
  return (
    <Box>
      <Text bold color="cyan">
        mTLS Portal
      </Text>
      <Text dimColor>
        {'  '}
        {url} · {user}
      </Text>
      {readOnly ? (
        <Text color="yellow" bold>
          {'  '}[read-only]
        </Text>
      ) : null}
    </Box>
  );
}
