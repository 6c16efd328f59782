// `enter` on an audit event: who did what to which object, with the fields before and after.
import { Box, Text } from 'ink';
import { useViewKeys } from '../../app-context.ts';
import { Field } from '../../components/Field.tsx';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import { dateTime } from '../../format/time.ts';
import type { AuditEventRow } from '../../graphql/operations/audit.ts';
import type { ViewProps } from '../view-props.ts';

/** Pretty JSON lines of a recorded state, or one line saying there is none. */
function jsonLines(fields: Record<string, unknown> | null, none: string): string[] {
  return fields ? JSON.stringify(fields, null, 2).split('\n') : [none];
}

export function AuditEventDetail({ entry, height }: ViewProps) {
  const event = JSON.parse(entry.params.json ?? '{}') as AuditEventRow;
  const before = jsonLines(event.before, '(none: created)');
  const after = jsonLines(event.after, '(none: deleted)');
  const lines = Math.max(before.length, after.length);
  const { cursor, move } = useTableCursor(
    Math.max(1, lines - (height - 6) + 1),
    Math.max(1, Math.floor(height / 2)),
  );
  useViewKeys(move);
  const window = (all: string[]) => all.slice(cursor.index, cursor.index + Math.max(1, height - 6));
  return (
    <Box flexDirection="column">
      <Field label="At">{dateTime(event.at)}</Field>
      <Field label="Action">{event.action}</Field>
      <Field label="Actor">
        {event.actorUser ? `${event.actorUser.name} (${event.actor})` : event.actor}
      </Field>
      <Field label="Subject">{`${event.subjectType} ${event.subjectId}`}</Field>
      <Box marginTop={1}>
        <Box flexDirection="column" width="50%">
          <Text bold color="cyan">
            Before
          </Text>
          {window(before).map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a line of a fixed text.
            <Text key={i} wrap="truncate">
              {line}
            </Text>
          ))}
        </Box>
        <Box flexDirection="column" width="50%">
          <Text bold color="cyan">
            After
          </Text>
          {window(after).map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a line of a fixed text.
            <Text key={i} wrap="truncate">
              {line}
            </Text>
          ))}
        </Box>
      </Box>
    </Box>
  );
}
