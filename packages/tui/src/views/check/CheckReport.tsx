// The explainer's answer: each Gateway check in order with its outcome, and the first failure
// with the status and message the Gateway would send.
import { Box, Text } from 'ink';
import { Field } from '../../components/Field.tsx';
import { dateTime } from '../../format/time.ts';
import type { CheckOutcome, RequestCheckReport } from '../../graphql/operations/request-check.ts';

const OUTCOME: Record<CheckOutcome, { mark: string; color: string }> = {
  PASS: { mark: '✓ pass', color: 'green' },
  FAIL: { mark: '✗ FAIL', color: 'red' },
  SKIPPED: { mark: '· skipped', color: 'gray' },
  NOT_APPLICABLE: { mark: '- n/a', color: 'gray' },
};

export function CheckReport({ report }: { readonly report: RequestCheckReport }) {
  const { api, certificate, firstFailure } = report;
  return (
    <Box flexDirection="column">
      <Text bold color={report.wouldPass ? 'green' : 'red'}>
        {report.wouldPass
          ? '✓ The Gateway would let this request through (HTTP 200).'
          : '✗ The Gateway would refuse this request.'}
      </Text>
      {firstFailure ? (
        <Text color="red">
          First failure: {firstFailure.check} → HTTP {firstFailure.status} “{firstFailure.message}”
        </Text>
      ) : null}
      <Field label="API">{`${api.name} (${api.apiId}) · ${api.auth} · ${api.definition} · static mTLS ${api.staticMutualTls ? 'on' : 'off'} · ${api.allowListEntries} allow-listed`}</Field>
      <Field label="Certificate">{`${certificate.subject} · issued by ${certificate.issuer} · until ${dateTime(certificate.notAfter)} · chain of ${certificate.chainLength}`}</Field>
      <Field label="Tyk id">{certificate.tykId}</Field>
      <Box flexDirection="column" marginTop={1}>
        {report.checks.map((step) => {
          const o = OUTCOME[step.outcome];
          return (
            <Text key={step.check} wrap="truncate">
              <Text color={o.color}>{o.mark.padEnd(10)}</Text>
              <Text bold>{step.check.padEnd(24)}</Text>
              {step.status ? <Text color="red">{`→ ${step.status} “${step.message}” `}</Text> : null}
              {step.detail}
              {step.ifReached ? (
                <Text dimColor>{` (once reached: ${step.ifReached.toLowerCase()})`}</Text>
              ) : null}
            </Text>
          );
        })}
      </Box>
      {report.unverified.length > 0 ? (
        <Text color="yellow">Undecided: {report.unverified.join(', ')}</Text>
      ) : null}
      {report.warnings.map((warning) => (
        <Text key={warning.code} color="yellow">
          ⚠ {warning.message}
        </Text>
      ))}
      <Text dimColor>
        checked {dateTime(report.checkedAt)} against the Dashboard as it is now · n checks another request
      </Text>
    </Box>
  );
}
