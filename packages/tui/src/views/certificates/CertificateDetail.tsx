// `enter` on a certificate: everything the portal knows about it, and where it is used. Scrolls
// with the navigation keys; rename, organisations, delete, suspend, rotate and copy act on it.
import { Box, Text } from 'ink';
import { useApp, useSelection, useViewKeys } from '../../app-context.ts';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import {
  CertificateQuery,
  CertificateUsageQuery,
  type CertificateDetail as Detail,
} from '../../graphql/operations/certificates.ts';
import { useQuery } from '../../graphql/use-query.ts';
import { flash } from '../../state/app-state.ts';
import type { ViewProps } from '../view-props.ts';
import { CertificateDialogs } from './CertificateDialogs.tsx';
import { detailLines } from './detail-lines.tsx';
import { useCertificateDialogs } from './use-certificate-dialogs.ts';

export function CertificateDetail({ entry, height }: ViewProps) {
  const { dispatch, writeRaw } = useApp();
  const id = entry.params.id ?? '';
  const detail = useQuery(CertificateQuery, { id });
  const usage = useQuery(CertificateUsageQuery, { id });
  const certificate =
    detail.data?.node?.__typename === 'Certificate' ? (detail.data.node as Detail) : undefined;
  useSelection(certificate);
  const lines = certificate ? detailLines(certificate, usage) : [];
  const { cursor, move } = useTableCursor(
    Math.max(1, lines.length - height + 1),
    Math.max(1, Math.floor(height / 2)),
  );
  const dialogs = useCertificateDialogs(() => {
    detail.refetch();
    usage.refetch();
  });

  const copy = (what: string, value: string) => {
    // OSC 52: the terminal puts it on the clipboard (tmux needs `set-clipboard on`).
    writeRaw?.(`\u001B]52;c;${Buffer.from(value).toString('base64')}\u0007`);
    dispatch(flash('info', `Copied the ${what}: ${value}`));
  };

  useViewKeys((action) => {
    if (move(action)) return true;
    if (!certificate) return false;
    if (action === 'copy') copy('Tyk id', certificate.tykId);
    else if (action === 'copySha') copy('SHA-256', certificate.fingerprints.sha256);
    else if (
      action === 'rename' ||
      action === 'organisations' ||
      action === 'delete' ||
      action === 'suspend' ||
      action === 'rotate'
    )
      dialogs.open(action, certificate);
    else return false;
    return true;
  });

  if (dialogs.dialog)
    return <CertificateDialogs dialog={dialogs.dialog} certificate={dialogs.target} close={dialogs.close} />;
  if (detail.error) return <Text color="red">{detail.error}</Text>;
  if (!certificate)
    return (
      <Text dimColor>{detail.fetching ? 'Loading…' : 'No such certificate (it may have been removed).'}</Text>
    );
  return (
    <Box flexDirection="column">
      {lines.slice(cursor.index, cursor.index + height).map((line) => (
        <Box key={line.key}>{line.node}</Box>
      ))}
    </Box>
  );
}
