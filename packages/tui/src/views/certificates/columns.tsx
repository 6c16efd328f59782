// The columns of the certificates table.
import type { Column } from '../../components/Table.tsx';
import { certificateStatus } from '../../format/status.ts';
import { expiresIn } from '../../format/time.ts';
import type { CertificateRow } from '../../graphql/operations/certificates.ts';

export function certificateColumns(now = Date.now()): Column<CertificateRow>[] {
  return [
    { title: ' ', width: 1, cell: (c) => (c.deletedAt ? { text: 'x', color: 'red' } : ' ') },
    { title: 'NAME', width: 24, cell: (c) => c.name ?? '-' },
    { title: 'CN', width: 28, cell: (c) => c.subjectCn ?? '-' },
    { title: 'PROVIDER', width: 16, cell: (c) => c.provider?.name ?? '-' },
    { title: 'ORGANISATIONS', width: 22, cell: (c) => c.organisations.map((o) => o.name).join(', ') || '-' },
    {
      title: 'EXPIRES',
      width: 17,
      cell: (c) => ({
        text: expiresIn(c.notBefore, c.notAfter, now),
        color: certificateStatus(c.status).color,
      }),
    },
    { title: 'STATUS', width: 13, cell: (c) => certificateStatus(c.status) },
    {
      title: 'SOURCE',
      width: 9,
      cell: (c) => (c.deletedAt ? { text: 'deleted', color: 'red' } : c.source.toLowerCase()),
    },
  ];
}
