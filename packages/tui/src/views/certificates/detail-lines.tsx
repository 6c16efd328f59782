// The lines of a certificate's detail view, one element each, so the view can scroll them.
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { Bar } from '../../components/Bar.tsx';
import { Field } from '../../components/Field.tsx';
import { certificateStatus } from '../../format/status.ts';
import { ago, dateTime, expiresIn, validityShare } from '../../format/time.ts';
import type { CertificateDetail, CertificateUsagePayload } from '../../graphql/operations/certificates.ts';

export interface Line {
  readonly key: string;
  readonly node: ReactNode;
}

const heading = (title: string): Line => ({
  key: `h:${title}`,
  node: (
    <Text bold color="cyan">
      {title}
    </Text>
  ),
});
const field = (label: string, value: ReactNode): Line => ({
  key: `f:${label}`,
  node: <Field label={label}>{value}</Field>,
});
const text = (key: string, node: ReactNode): Line => ({ key, node });

export function detailLines(
  c: CertificateDetail,
  usage: { data?: { certificateUsage: CertificateUsagePayload }; error?: string; fetching: boolean },
): Line[] {
  const status = certificateStatus(c.status);
  const fp = c.fingerprints;
  return [
    heading('Certificate'),
    field('Name', c.name ?? '—'),
    field('Subject', c.subjectDn ?? c.subjectCn ?? '—'),
    field('Issuer', c.issuerDn ?? c.issuerCn ?? '—'),
    field('SANs', c.subjectAltNames.join(', ') || '—'),
    field('Serial', c.serialNumber ?? '—'),
    field(
      'Key',
      `${c.keyAlgorithm ?? '?'}, ${c.signatureAlgorithm ?? '?'}${c.isCa ? ', CA' : ''}${c.hasPrivateKey ? ', private key in Dashboard' : ''}`,
    ),
    field('EKU', c.extendedKeyUsage?.join(', ') ?? '—'),
    field(
      'Source',
      `${c.source.toLowerCase()} · ${c.provider?.name ?? '—'} · registered ${dateTime(c.registeredAt)} · last seen ${ago(c.lastSeenAt)}`,
    ),
    ...(c.deletedAt
      ? [
          text(
            'deleted',
            <Text color="red">
              ✗ Soft-deleted {dateTime(c.deletedAt)}: {"gone from the Dashboard's store"}
            </Text>,
          ),
        ]
      : []),
    ...(c.suspendedAt
      ? [
          text(
            'suspended',
            <Text color="magenta">
              ⏸ Suspended {dateTime(c.suspendedAt)}: {c.suspendReason ?? ''} (z resumes)
            </Text>,
          ),
        ]
      : []),
    field('Organisations', c.organisations.map((o) => o.name).join(', ') || '—'),
    heading('Validity'),
    field('From → to', `${dateTime(c.notBefore)} → ${dateTime(c.notAfter)}`),
    field(
      'Status',
      <Text>
        <Bar share={validityShare(c.notBefore, c.notAfter)} width={30} color={status.color} />{' '}
        <Text color={status.color}>{status.text}</Text> ({expiresIn(c.notBefore, c.notAfter)})
      </Text>,
    ),
    ...(c.lintWarnings.length > 0 ? [heading('Lint warnings')] : []),
    ...c.lintWarnings.map((w) =>
      text(
        `w:${w.block}:${w.code}`,
        <Text color="yellow">
          ⚠ {w.code}: {w.message}
        </Text>,
      ),
    ),
    heading('Fingerprints'),
    field('Tyk id', c.tykId),
    field('SHA-256', fp.sha256),
    field('SHA-256 :', fp.sha256Colons),
    field('SHA-1', fp.sha1 ?? '—'),
    field('SHA-1 :', fp.sha1Colons ?? '—'),
    field('x5t#S256', fp.x5tS256),
    heading('Usage'),
    ...usageLines(usage),
  ];
}

function usageLines(usage: {
  data?: { certificateUsage: CertificateUsagePayload };
  error?: string;
  fetching: boolean;
}): Line[] {
  // A Dashboard that is down or answers nonsense comes back as a userError, like any refusal.
  const refusal = usage.error ?? usage.data?.certificateUsage.userErrors[0]?.message;
  if (refusal) return [text('u:error', <Text color="red">Usage unavailable: {refusal}</Text>)];
  const u = usage.data?.certificateUsage.usage;
  if (!u) return [text('u:loading', <Text dimColor>{usage.fetching ? 'Asking the Dashboard…' : '—'}</Text>)];
  const apis = u.apis.map((a) =>
    text(
      `api:${a.apiId}`,
      <Text>
        {' '}
        API {a.name}{' '}
        <Text dimColor>
          ({a.apiId}, {a.usageTypes.join('/')})
        </Text>
      </Text>,
    ),
  );
  const credentials = u.credentials.map((c, i) =>
    text(
      `cred:${i}`,
      <Text>
        {'  '}credential of {c.appName} ({c.organisation?.name ?? '—'}) for {c.productName}
        {c.boundToToken ? <Text color="magenta"> · bound to the token</Text> : null}
      </Text>,
    ),
  );
  return [
    field(
      'APIs',
      u.apis.length === 0
        ? 'none'
        : `${u.apis.length} (from ${u.apisFrom === 'CERTIFICATE_APIS' ? "the Dashboard's index" : 'API definitions'})`,
    ),
    ...apis,
    field('Credentials', u.credentials.length === 0 ? 'none' : String(u.credentials.length)),
    ...credentials,
  ];
}
