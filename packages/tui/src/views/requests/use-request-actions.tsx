// Approve, reject (with a reason) and retry an access request, then follow its status live.
import { Text } from 'ink';
import { useCallback, useState } from 'react';
import { useApp } from '../../app-context.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { mutate } from '../../graphql/mutate.ts';
import {
  AccessRequestApproveMutation,
  AccessRequestRejectMutation,
  AccessRequestReprovisionMutation,
  AccessRequestRetryMutation,
  AccessRequestRevokeMutation,
  type AccessRequestRow,
} from '../../graphql/operations/access-requests.ts';
import { flash } from '../../state/app-state.ts';
import { RejectDialog } from './RejectDialog.tsx';
import { SETTLED, useLiveStatus } from './use-live-status.ts';

const label = (r: AccessRequestRow) => `${r.app.name} → ${r.product.name}`;

export function useRequestActions(onChanged: () => void) {
  const { client, dispatch } = useApp();
  const [rejecting, setRejecting] = useState<AccessRequestRow | null>(null);
  const [approving, setApproving] = useState<AccessRequestRow | null>(null);
  const [revoking, setRevoking] = useState<AccessRequestRow | null>(null);
  const [watching, setWatching] = useState<string | null>(null);

  const onUpdate = useCallback(
    (request: AccessRequestRow) => {
      onChanged();
      if (!SETTLED.has(request.status)) return;
      setWatching(null);
      const failed = request.status === 'FAILED';
      const why = failed ? `: ${request.failedStep} ${request.failureReason ?? ''}` : '';
      dispatch(flash(failed ? 'error' : 'info', `${label(request)}: ${request.status.toLowerCase()}${why}`));
    },
    [dispatch, onChanged],
  );
  useLiveStatus(watching, onUpdate);

  // Each queues provisioning; the request is then followed live until it settles.
  const decide = async (request: AccessRequestRow, kind: 'approve' | 'retry' | 'reprovision') => {
    const variables = { id: request.id };
    const outcome =
      kind === 'approve'
        ? await mutate(client, AccessRequestApproveMutation, variables, (d) => d.accessRequestApprove)
        : kind === 'retry'
          ? await mutate(client, AccessRequestRetryMutation, variables, (d) => d.accessRequestRetry)
          : await mutate(
              client,
              AccessRequestReprovisionMutation,
              variables,
              (d) => d.accessRequestReprovision,
            );
    if (!outcome.ok) return dispatch(flash('error', `${label(request)}: ${outcome.message}`));
    const done = {
      approve: 'approved, provisioning…',
      retry: 'retried, provisioning…',
      reprovision: 're-provisioning…',
    };
    dispatch(flash('info', `${label(request)}: ${done[kind]}`));
    setWatching(request.id);
    onChanged();
  };

  const revoke = async (request: AccessRequestRow) => {
    closeRevoke();
    const outcome = await mutate(
      client,
      AccessRequestRevokeMutation,
      { id: request.id },
      (d) => d.accessRequestRevoke,
    );
    if (!outcome.ok) return dispatch(flash('error', `${label(request)}: ${outcome.message}`));
    dispatch(flash('warn', `${label(request)}: revoked.`));
    onChanged();
  };

  const closeReject = () => {
    setRejecting(null);
    dispatch({ type: 'dialog/close' });
  };

  const reject = async (request: AccessRequestRow, reason: string): Promise<string | null> => {
    const outcome = await mutate(
      client,
      AccessRequestRejectMutation,
      { id: request.id, reason },
      (d) => d.accessRequestReject,
    );
    if (!outcome.ok) return outcome.message;
    closeReject();
    dispatch(flash('warn', `${label(request)}: rejected.`));
    onChanged();
    return null;
  };

  const closeApprove = () => {
    setApproving(null);
    dispatch({ type: 'dialog/close' });
  };

  function closeRevoke() {
    setRevoking(null);
    dispatch({ type: 'dialog/close' });
  }

  return {
    // Approving provisions a key on the Gateway for the consumer: it asks first, as k9s does for writes.
    approve: (r: AccessRequestRow) => {
      setApproving(r);
      dispatch({ type: 'dialog/open' });
    },
    retry: (r: AccessRequestRow) => void decide(r, 'retry'),
    reprovision: (r: AccessRequestRow) => void decide(r, 'reprovision'),
    // Revoking ends the consumer's access at once: it asks first and says what goes.
    askRevoke: (r: AccessRequestRow) => {
      setRevoking(r);
      dispatch({ type: 'dialog/open' });
    },
    askReject: (r: AccessRequestRow) => {
      setRejecting(r);
      dispatch({ type: 'dialog/open' });
    },
    dialog: approving ? (
      <ConfirmDialog
        title={`Approve ${approving.app.name}'s request for ${approving.product.name} on ${approving.plan.name}?`}
        onConfirm={() => {
          closeApprove();
          void decide(approving, 'approve');
        }}
        onCancel={closeApprove}
      >
        <Text>
          It provisions a key on the Gateway for {approving.app.organisation?.name ?? 'the consumer'}.
        </Text>
      </ConfirmDialog>
    ) : revoking ? (
      <ConfirmDialog
        title={`Revoke ${revoking.app.name}'s access to ${revoking.product.name}?`}
        onConfirm={() => void revoke(revoking)}
        onCancel={closeRevoke}
      >
        <Text>
          Its credential stops working at once; its key and the allow-list entries no other grant needs leave
          the Dashboard. {revoking.app.organisation?.name ?? 'The consumer'} has to ask again.
        </Text>
      </ConfirmDialog>
    ) : rejecting ? (
      <RejectDialog
        request={rejecting}
        onReject={(reason) => reject(rejecting, reason)}
        onCancel={closeReject}
      />
    ) : null,
  };
}
