// What an upload would store, read from the PEM before anything is sent: metadata, warnings, and
// why Tyk would refuse it.
import { Box, Text } from 'ink';
import { Field } from '../../components/Field.tsx';
import { certificateStatus } from '../../format/status.ts';
import { dateTime, expiresIn } from '../../format/time.ts';
import type { Inspection } from '../../graphql/operations/certificate-mutations.ts';

export function InspectionSummary({ inspection }: { readonly inspection: Inspection }) {
  const status = certificateStatus(inspection.status);
  return (
    <Box flexDirection="column">
      <Field label="Subject">{inspection.subjectDn}</Field>
      <Field label="Issuer">{inspection.issuerDn}</Field>
      <Field label="Serial">{inspection.serialNumber}</Field>
      <Field label="Validity">
        {dateTime(inspection.notBefore)} → {dateTime(inspection.notAfter)}{' '}
        <Text color={status.color}>
          {status.text} ({expiresIn(inspection.notBefore, inspection.notAfter)})
        </Text>
      </Field>
      <Field label="Key">
        {inspection.keyAlgorithm}, {inspection.signatureAlgorithm}
        {inspection.isCa ? ', CA' : ''}
      </Field>
      <Field label="SANs">{inspection.subjectAltNames.join(', ') || '—'}</Field>
      <Field label="SHA-256">{inspection.fingerprints.sha256}</Field>
      <Field label="Tyk id">{inspection.tykId ?? '—'}</Field>
      {inspection.lintWarnings.map((w) => (
        <Text key={`${w.block}:${w.code}`} color="yellow">
          ⚠ {w.code}: {w.message}
          {w.block > 1 ? ` (block ${w.block})` : ''}
        </Text>
      ))}
      {inspection.uploadRefusal ? (
        <Text color="red">
          ✗ An upload would be refused: {inspection.uploadRefusal.message} ({inspection.uploadRefusal.code})
        </Text>
      ) : null}
    </Box>
  );
}
