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

/**
 * `selected`: the check the cursor is on (j/k), shown whole below the list; none where the report
 * is one of several (a request's check over each of its product's APIs).
 */
export function CheckReport({
  report,
  selected,
}: {
  readonly report: RequestCheckReport;
  readonly selected?: number;
}) {
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
        {report.checks.map((step, i) => {
          const o = OUTCOME[step.outcome];
          // Fixed columns for the mark and the name; the rest wraps under itself, never cut off.
          return (
            <Box key={step.check}>
              <Box width={2}>
                <Text color="cyan">{i === selected ? '›' : ' '}</Text>
              </Box>
              <Box width={11} flexShrink={0}>
                <Text color={o.color}>{o.mark}</Text>
              </Box>
              <Box width={26} flexShrink={0}>
                <Text bold inverse={i === selected}>
                  {step.check}
                </Text>
              </Box>
              <Box flexGrow={1} flexShrink={1}>
                <Text wrap="wrap">
                  {step.status ? <Text color="red">{`→ ${step.status} “${step.message}” `}</Text> : null}
                  {step.detail}
                  {step.ifReached ? (
                    <Text dimColor>{` (once reached: ${step.ifReached.toLowerCase()})`}</Text>
                  ) : null}
                </Text>
              </Box>
            </Box>
          );
        })}
      </Box>
      {selected !== undefined && report.checks[selected] ? (
        <CheckDetail step={report.checks[selected]} />
      ) : null}
      {report.unverified.length > 0 ? (
        <Text color="yellow">Undecided: {report.unverified.join(', ')}</Text>
      ) : null}
      {report.warnings.map((warning) => (
        <Text key={warning.code} color="yellow">
          ⚠ {warning.message}
        </Text>
      ))}
      <Text dimColor>
        checked {dateTime(report.checkedAt)} against the Dashboard as it is now
        {selected === undefined ? '' : ' · j/k picks a check'} · n checks another request
      </Text>
    </Box>
  );
}

/** One check in full: what the Gateway does there, and what it answers when it refuses. */
function CheckDetail({ step }: { readonly step: RequestCheckReport['checks'][number] }) {
  const o = OUTCOME[step.outcome];
  return (
    <Box flexDirection="column" marginTop={1} borderStyle="single" borderColor="gray" paddingX={1}>
      <Text bold>
        {step.check} <Text color={o.color}>{o.mark}</Text>
      </Text>
      <Text wrap="wrap">{step.detail}</Text>
      {step.status ? (
        <Text color="red" wrap="wrap">{`The Gateway answers HTTP ${step.status} “${step.message}”.`}</Text>
      ) : null}
      {step.ifReached ? (
        <Text
          dimColor
          wrap="wrap"
        >{`Not reached; once reached it would ${step.ifReached.toLowerCase()}.`}</Text>
      ) : null}
    </Box>
  );
}
