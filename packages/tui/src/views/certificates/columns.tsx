// The columns of the certificates table.
import type { Column } from '../../components/Table.tsx';
import { certificateStatus } from '../../format/status.ts';
import { expiresIn } from '../../format/time.ts';
import type { CertificateRow } from '../../graphql/operations/certificates.ts';

export function certificateColumns(now = Date.now()): Column<CertificateRow>[] {
  return [
    { title: ' ', width: 1, priority: 100, cell: (c) => (c.deletedAt ? { text: 'x', color: 'red' } : ' ') },
    {
      title: 'NAME',
      width: 24,
      flex: true,
      minWidth: 12,
      priority: 90,
      cell: (c) => c.name ?? { text: c.subjectCn ?? '-', color: 'gray' },
    },
    { title: 'CN', width: 28, flex: true, minWidth: 12, priority: 60, cell: (c) => c.subjectCn ?? '-' },
    {
      title: 'PROVIDER',
      width: 16,
      flex: true,
      minWidth: 8,
      priority: 30,
      cell: (c) => c.provider?.name ?? '-',
    },
    {
      title: 'ORGANISATIONS',
      width: 22,
      flex: true,
      minWidth: 13,
      priority: 50,
      cell: (c) => c.organisations.map((o) => o.name).join(', ') || '-',
    },
    {
      title: 'EXPIRES',
      width: 17,
      priority: 80,
      cell: (c) => ({
        text: expiresIn(c.notBefore, c.notAfter, now),
        color: certificateStatus(c.status).color,
      }),
    },
    {
      title: 'STATUS',
      width: 13,
      priority: 70,
      // Suspension outranks validity: it is why the Gateway refuses it now.
      cell: (c) => (c.suspendedAt ? { text: 'suspended', color: 'magenta' } : certificateStatus(c.status)),
    },
    {
      title: 'SOURCE',
      width: 9,
      priority: 20,
      cell: (c) => (c.deletedAt ? { text: 'deleted', color: 'red' } : c.source.toLowerCase()),
    },
  ];
}
