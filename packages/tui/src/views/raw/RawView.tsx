// `y` (k9s's YAML view): the selected object as the view holds it, as JSON, and a certificate's PEM
// when the portal keeps one. Scrolls with the list keys.
import { Box, Text } from 'ink';
import { useViewKeys } from '../../app-context.ts';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import { CertificatePemQuery } from '../../graphql/operations/certificates.ts';
import { useQuery } from '../../graphql/use-query.ts';
import type { ViewProps } from '../view-props.ts';

/** A certificate row or detail (only certificates have a Tyk id): what the PEM is asked for. */
const isCertificate = (value: Record<string, unknown>) =>
  typeof value.id === 'string' && typeof value.tykId === 'string';

export function RawView({ entry, height }: ViewProps) {
  const value = JSON.parse(entry.params.json ?? 'null') as Record<string, unknown> | null;
  const certificateId = value && isCertificate(value) ? (value.id as string) : null;
  const { data } = useQuery(CertificatePemQuery, { id: certificateId ?? '' }, { pause: !certificateId });
  const pem = data?.node?.__typename === 'Certificate' ? data.node.pem : undefined;
  const lines = [
    ...JSON.stringify(value, null, 2).split('\n'),
    ...(certificateId
      ? [
          '',
          ...(pem
            ? pem.trimEnd().split('\n')
            : ['(no PEM kept: the Dashboard never answers one for certificates found by sync)']),
        ]
      : []),
  ];
  const visible = Math.max(1, height - 1);
  const { cursor, move } = useTableCursor(Math.max(1, lines.length - visible + 1), visible);
  useViewKeys(move);
  return (
    <Box flexDirection="column">
      {lines.slice(cursor.index, cursor.index + visible).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text.
        <Text key={cursor.index + i} wrap="truncate">
          {line}
        </Text>
      ))}
      <Text
        dimColor
      >{`${Math.min(lines.length, cursor.index + visible)}/${lines.length} lines · j/k scroll · esc back`}</Text>
    </Box>
  );
}
