// `enter` on an audit event: who did what to which object, and each recorded field before and after
// (changed fields first, marked).
import { Box, Text } from 'ink';
import { useSelection, useViewKeys } from '../../app-context.ts';
import { Field } from '../../components/Field.tsx';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import { actorName, enumWords, fieldChanges, subjectName } from '../../format/audit.ts';
import { dateTimeSeconds } from '../../format/time.ts';
import type { AuditEventRow } from '../../graphql/operations/audit.ts';
import type { ViewProps } from '../view-props.ts';

/** Fields above the changes: at, action, actor, subject, and the header line with its margin. */
const HEAD_LINES = 6;

export function AuditEventDetail({ entry, height, width }: ViewProps) {
  const event = JSON.parse(entry.params.json ?? '{}') as AuditEventRow;
  useSelection(event);
  const changes = fieldChanges(event.before, event.after);
  const visible = Math.max(1, height - HEAD_LINES);
  const { cursor, move } = useTableCursor(Math.max(1, changes.length - visible + 1), Math.max(1, visible));
  useViewKeys(move);
  const column = Math.max(10, Math.floor((width - 24) / 2));
  const name = subjectName(event.subject);
  const none = event.before === null ? '(none: created)' : event.after === null ? '(none: deleted)' : '';
  return (
    <Box flexDirection="column">
      <Field label="At">{dateTimeSeconds(event.at)}</Field>
      <Field label="Action">{enumWords(event.action)}</Field>
      <Field label="Actor">{actorName(event.actor)}</Field>
      <Field label="Subject">
        {`${enumWords(event.subjectType)} ${name ? `${name} (${event.subjectId})` : event.subjectId}`}
      </Field>
      <Box marginTop={1}>
        <Text bold color="cyan">
          {'FIELD'.padEnd(22)} {'BEFORE'.padEnd(column)} AFTER {none ? ` ${none}` : ''}
        </Text>
      </Box>
      {changes.slice(cursor.index, cursor.index + visible).map((c) => (
        <Box key={c.field}>
          <Box width={23}>
            <Text color={c.changed ? 'yellow' : undefined} wrap="truncate">
              {`${c.changed ? '±' : ' '} ${c.field}`}
            </Text>
          </Box>
          <Box width={column + 1}>
            <Text dimColor={!c.changed} wrap="truncate">
              {c.before ?? '-'}
            </Text>
          </Box>
          <Box width={column}>
            <Text dimColor={!c.changed} wrap="truncate">
              {c.after ?? '-'}
            </Text>
          </Box>
        </Box>
      ))}
    </Box>
  );
}
