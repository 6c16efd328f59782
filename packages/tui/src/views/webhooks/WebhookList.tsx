// `:webhooks`: every event the server POSTed to its webhook URL, newest first, with what became of
// it: delivered, still being tried (when next), or given up (why). `R` sends one again, same id,
// after asking: for a receiver that was down longer than the retries last.
import { Text } from 'ink';
import { useApp, useViewKeys } from '../../app-context.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ListView } from '../../components/ListView.tsx';
import type { Column } from '../../components/Table.tsx';
import { useDialog } from '../../components/use-dialog.ts';
import { usePagedRows } from '../../components/use-paged-rows.ts';
import { deliveryStatus } from '../../format/status.ts';
import { ago, dateTime } from '../../format/time.ts';
import { mutate } from '../../graphql/mutate.ts';
import {
  WebhookDeliveriesQuery,
  type WebhookDeliveryRow,
  WebhookRedeliverMutation,
} from '../../graphql/operations/webhooks.ts';
import { flash } from '../../state/app-state.ts';
import type { ViewProps } from '../view-props.ts';

/** `CERTIFICATE_SOFT_DELETED` as the event is named on the wire: `certificate.soft_deleted`. */
const eventName = (type: string) => type.toLowerCase().replace('_', '.');

const COLUMNS: Column<WebhookDeliveryRow>[] = [
  { title: 'QUEUED', width: 10, cell: (d) => ago(d.queuedAt) },
  { title: 'EVENT', width: 24, flex: true, minWidth: 14, cell: (d) => eventName(d.type) },
  { title: 'STATUS', width: 9, cell: (d) => deliveryStatus(d.status) },
  { title: 'TRIES', width: 5, cell: (d) => `${d.attempts}/${d.maxAttempts}` },
  {
    title: 'NEXT / WHY',
    width: 40,
    flex: true,
    minWidth: 10,
    cell: (d) =>
      d.status === 'PENDING' && d.nextAttemptAt
        ? `next ${dateTime(d.nextAttemptAt)}${d.lastError ? `: ${d.lastError}` : ''}`
        : { text: d.lastError ?? '', color: d.status === 'FAILED' ? 'red' : undefined },
  },
];

export function WebhookList(view: ViewProps) {
  const { client, dispatch } = useApp();
  const { rows, move, selected, reload, summary, table } = usePagedRows(
    WebhookDeliveriesQuery,
    (d) => d.webhookDeliveries,
    view,
    { text: (d) => `${eventName(d.type)} ${d.status} ${d.lastError ?? ''}`, state: (d) => d.status },
  );
  const asking = useDialog<WebhookDeliveryRow>();

  useViewKeys((id) => {
    if (move(id)) return true;
    if (id !== 'redeliver' || !selected) return false;
    asking.open(selected);
    return true;
  });

  const redeliver = async (delivery: WebhookDeliveryRow) => {
    asking.close();
    const outcome = await mutate(
      client,
      WebhookRedeliverMutation,
      { delivery: delivery.id },
      (d) => d.webhookRedeliver,
    );
    if (!outcome.ok) return dispatch(flash('error', `${eventName(delivery.type)}: ${outcome.message}`));
    dispatch(flash('info', `${eventName(delivery.type)}: queued again with fresh attempts.`));
    reload();
  };

  if (asking.value) {
    const delivery = asking.value;
    return (
      <ConfirmDialog
        title="Send this event again?"
        onConfirm={() => void redeliver(delivery)}
        onCancel={asking.close}
      >
        <Text wrap="wrap">
          {eventName(delivery.type)} of {dateTime(delivery.occurredAt)} goes to the receiver again with the
          same delivery id ({delivery.status === 'DELIVERED' ? 'it was delivered' : 'every attempt failed'}).
        </Text>
      </ConfirmDialog>
    );
  }
  const failed = rows.filter((d) => d.status === 'FAILED').length;
  return (
    <ListView
      title="Webhook deliveries"
      summary={summary(`${failed} failed`)}
      columns={COLUMNS}
      {...table}
      rowKey={(d) => d.id}
      empty="No webhook events (none sent yet, or MTLS_WEBHOOK_URL is not set)."
    />
  );
}
