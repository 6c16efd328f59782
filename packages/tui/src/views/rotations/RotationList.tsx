// `:rotations`: every certificate rotation, newest first, paged as the table scrolls. An admin
// approves a consumer's requested rotation (`a`), completes an overlap (`c`) or cancels one (`x`,
// which also declines a request); each asks first, then says how many grants the step touched.
import { Text } from 'ink';
import { useApp, useViewKeys } from '../../app-context.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ListView } from '../../components/ListView.tsx';
import type { Column } from '../../components/Table.tsx';
import { useDialog } from '../../components/use-dialog.ts';
import { usePagedRows } from '../../components/use-paged-rows.ts';
import { rotationStatus } from '../../format/status.ts';
import { ago } from '../../format/time.ts';
import { mutate } from '../../graphql/mutate.ts';
import {
  CertificateRotationApproveMutation,
  CertificateRotationCancelMutation,
  CertificateRotationCompleteMutation,
  type RotationRow,
  type RotationStep,
  RotationsQuery,
} from '../../graphql/operations/rotations.ts';
import { flash } from '../../state/app-state.ts';
import type { ViewProps } from '../view-props.ts';

type Certificate = RotationRow['from'];
const certificateName = (c: Certificate) => c?.name ?? c?.subjectCn ?? '-';

const COLUMNS: Column<RotationRow>[] = [
  { title: 'STARTED', width: 10, cell: (r) => ago(r.createdAt) },
  { title: 'FROM', width: 28, flex: true, minWidth: 10, cell: (r) => certificateName(r.from) },
  { title: 'TO', width: 28, flex: true, minWidth: 10, cell: (r) => certificateName(r.to) },
  { title: 'STATUS', width: 10, cell: (r) => rotationStatus(r.status) },
  { title: 'GRANTS', width: 6, cell: (r) => String(r.accessRequests.length) },
  { title: 'ENDED', width: 10, priority: 1, cell: (r) => (r.finishedAt ? ago(r.finishedAt) : '') },
];

type Step = 'approve' | 'complete' | 'cancel';

/** What each step does, said before it is confirmed. */
const CONFIRM: Record<Step, (r: RotationRow) => string> = {
  approve: (r) =>
    `Approve: ${certificateName(r.from)}'s replacement is stored and joins its grants; both are admitted until the rotation completes.`,
  complete: (r) =>
    `Complete: ${certificateName(r.from)} leaves every grant and the organisations it served; only ${certificateName(r.to)} is admitted.`,
  cancel: (r) =>
    r.status === 'REQUESTED'
      ? `Decline the consumer's request to replace ${certificateName(r.from)}: nothing changes.`
      : `Cancel: ${certificateName(r.to)} leaves the grants it joined; only ${certificateName(r.from)} is admitted.`,
};

export function RotationList(view: ViewProps) {
  const { client, dispatch } = useApp();
  const { rows, move, selected, reload, summary, table } = usePagedRows(
    RotationsQuery,
    (d) => d.certificateRotations,
    view,
    {
      text: (r) => `${r.status} ${certificateName(r.from)} ${certificateName(r.to)}`,
      state: (r) => r.status,
    },
  );
  const asking = useDialog<{ step: Step; rotation: RotationRow }>();

  useViewKeys((id) => {
    if (move(id)) return true;
    if (!selected) return false;
    const step = (
      { rotationApprove: 'approve', rotationComplete: 'complete', rotationCancel: 'cancel' } as const
    )[id as 'rotationApprove' | 'rotationComplete' | 'rotationCancel'];
    if (!step) return false;
    asking.open({ step, rotation: selected });
    return true;
  });

  const run = async (step: Step, rotation: RotationRow) => {
    asking.close();
    const variables = { rotation: rotation.id };
    const outcome =
      step === 'approve'
        ? await mutate(
            client,
            CertificateRotationApproveMutation,
            variables,
            (d) => d.certificateRotationApprove,
          )
        : step === 'complete'
          ? await mutate(
              client,
              CertificateRotationCompleteMutation,
              variables,
              (d) => d.certificateRotationComplete,
            )
          : await mutate(
              client,
              CertificateRotationCancelMutation,
              variables,
              (d) => d.certificateRotationCancel,
            );
    if (!outcome.ok) return dispatch(flash('error', `${certificateName(rotation.from)}: ${outcome.message}`));
    dispatch(flash('info', `${certificateName(rotation.from)}: ${said(outcome.payload.step)}`));
    reload();
  };

  if (asking.value) {
    const { step, rotation } = asking.value;
    return (
      <ConfirmDialog
        title={`${step[0]!.toUpperCase()}${step.slice(1)} this rotation?`}
        onConfirm={() => void run(step, rotation)}
        onCancel={asking.close}
      >
        <Text wrap="wrap">{CONFIRM[step](rotation)}</Text>
      </ConfirmDialog>
    );
  }
  const waiting = rows.filter((r) => r.status === 'REQUESTED').length;
  return (
    <ListView
      title="Rotations"
      summary={summary(`${waiting} requested`)}
      columns={COLUMNS}
      {...table}
      rowKey={(r) => r.id}
      empty="No rotations."
    />
  );
}

/** The step's outcome in a line: the rotation's new state and how many grants it touched. */
function said(step: RotationStep | null | undefined): string {
  if (!step) return 'done.';
  const grants = step.changes.length;
  return `${rotationStatus(step.rotation.status).text}, ${grants} grant${grants === 1 ? '' : 's'} touched.`;
}
