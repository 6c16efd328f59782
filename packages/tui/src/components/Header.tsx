import { Box, Text } from 'ink';
import { dateTimeSeconds } from '../format/time.ts';
import type { Connection } from '../state/app-state.ts';

export interface HeaderProps {
  readonly url: string;
  readonly user: string;
  readonly readOnly: boolean;
  readonly connection?: Connection;
}

/** Top line: product, server, who, the read-only badge, and whether the server answers. */
export function Header({ url, user, readOnly, connection = { online: true } }: HeaderProps) {
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
      {connection.online ? null : (
        <Text color="red" bold wrap="truncate">
          {`  ○ server unreachable since ${dateTimeSeconds(new Date(connection.since).toISOString()).slice(11)}, retrying`}
        </Text>
      )}
    </Box>
  );
}
