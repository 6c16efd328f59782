// `enter` on a request: who asks for what, its certificate, credentials, and its status live.
import { Box, Text } from 'ink';
import { useCallback, useState } from 'react';
import { useApp, useRowState, useSelection, useViewKeys } from '../../app-context.ts';
import { Field } from '../../components/Field.tsx';
import { requestStatus } from '../../format/status.ts';
import { dateTime } from '../../format/time.ts';
import { authTypeWords, certificateModeWords } from '../../format/words.ts';
import { AccessRequestQuery, type AccessRequestRow } from '../../graphql/operations/access-requests.ts';
import { useQuery } from '../../graphql/use-query.ts';
import type { ViewProps } from '../view-props.ts';
import { SETTLED, useLiveStatus } from './use-live-status.ts';
import { useRequestActions } from './use-request-actions.tsx';

export function RequestDetail({ entry }: ViewProps) {
  const { dispatch } = useApp();
  const id = entry.params.id ?? '';
  const { data, error, refetch } = useQuery(AccessRequestQuery, { id });
  const [live, setLive] = useState<AccessRequestRow | null>(null);
  const loaded = data?.node?.__typename === 'AccessRequest' ? (data.node as AccessRequestRow) : undefined;
  const request = live ?? loaded;
  const onUpdate = useCallback((r: AccessRequestRow) => setLive(r), []);
  useLiveStatus(request && !SETTLED.has(request.status) ? id : null, onUpdate);
  const actions = useRequestActions(() => {
    setLive(null);
    refetch();
  });

  useRowState(request?.status);
  useSelection(request);
  useViewKeys((action) => {
    if (!request) return false;
    if (action === 'approve') actions.approve(request);
    else if (action === 'retry') actions.retry(request);
    else if (action === 'reject') actions.askReject(request);
    else if (action === 'reprovision') actions.reprovision(request);
    else if (action === 'revoke') actions.askRevoke(request);
    else if (action === 'checkRequest')
      dispatch({ type: 'view/open', view: 'requestCheck', label: 'check', params: { id } });
    else return false;
    return true;
  });

  if (actions.dialog) return actions.dialog;
  if (error) return <Text color="red">{error}</Text>;
  if (!request) return <Text dimColor>Loading…</Text>;
  const status = requestStatus(request.status);
  return (
    <Box flexDirection="column">
      <Field label="Status">
        <Text color={status.color}>{status.text}</Text>
        {SETTLED.has(request.status) ? '' : ' (live)'} · {request.attempts} attempt(s)
      </Field>
      <Field label="App">{`${request.app.name} of ${request.app.organisation?.name ?? '-'} (${request.app.owner?.name ?? '-'})`}</Field>
      <Field label="Product">{`${request.product.name} (${authTypeWords(request.product.authType)}${request.product.certificateMode ? `, ${certificateModeWords(request.product.certificateMode)}` : ''})`}</Field>
      <Field label="Plan">{request.plan.name}</Field>
      <Field label="Certificate">
        {request.certificate
          ? (request.certificate.name ?? request.certificate.subjectCn ?? '-')
          : "the organisation's (Managed)"}
      </Field>
      <Field label="Submitted">{dateTime(request.createdAt)}</Field>
      <Field label="Decided">{`${dateTime(request.decidedAt)}${request.decidedBy ? ` by ${request.decidedBy.name}` : ''}`}</Field>
      <Field label="Approved">{dateTime(request.approvedAt)}</Field>
      {request.failureReason ? (
        <Field label="Failed">
          {<Text color="red">{`${request.failedStep}: ${request.failureReason}`}</Text>}
        </Field>
      ) : null}
      {request.rejectReason ? <Field label="Rejected">{request.rejectReason}</Field> : null}
      <Field label="Credentials">{request.credentials.length === 0 ? 'none' : ''}</Field>
      {request.credentials.map((c) => (
        <Text key={c.id}>
          {'  '}key issued {dateTime(c.createdAt)}
          {c.revokedAt ? ` · revoked ${dateTime(c.revokedAt)}` : ' · live'}
          {c.expiresAt ? ` · expires ${dateTime(c.expiresAt)}` : ''}
        </Text>
      ))}
    </Box>
  );
}
