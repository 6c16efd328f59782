// Colours and labels of statuses, in one place for every table and detail.
import type {
  AccessRequestStatus,
  CertificateRotationStatus,
  CertificateStatus,
  SyncRunStatus,
  WebhookDeliveryStatus,
} from '../graphql/generated.ts';

export interface Styled {
  readonly text: string;
  readonly color: string;
}

const CERTIFICATE: Record<CertificateStatus, Styled> = {
  VALID: { text: 'valid', color: 'green' },
  EXPIRING_SOON: { text: 'expiring', color: 'yellow' },
  EXPIRED: { text: 'expired', color: 'red' },
  NOT_YET_VALID: { text: 'not yet valid', color: 'cyan' },
  PENDING_APPROVAL: { text: 'pending', color: 'magenta' },
};

const SYNC: Record<SyncRunStatus, Styled> = {
  RUNNING: { text: 'running', color: 'cyan' },
  SUCCEEDED: { text: 'succeeded', color: 'green' },
  HELD: { text: 'held', color: 'yellow' },
  FAILED: { text: 'failed', color: 'red' },
  DISCARDED: { text: 'discarded', color: 'gray' },
};

const REQUEST: Record<AccessRequestStatus, Styled> = {
  PENDING: { text: 'pending', color: 'yellow' },
  PROVISIONING: { text: 'provisioning', color: 'cyan' },
  APPROVED: { text: 'approved', color: 'green' },
  FAILED: { text: 'failed', color: 'red' },
  REJECTED: { text: 'rejected', color: 'magenta' },
  REVOKED: { text: 'revoked', color: 'gray' },
};

const ROTATION: Record<CertificateRotationStatus, Styled> = {
  REQUESTED: { text: 'requested', color: 'yellow' },
  OVERLAP: { text: 'overlap', color: 'cyan' },
  COMPLETED: { text: 'completed', color: 'green' },
  CANCELLED: { text: 'cancelled', color: 'gray' },
};

const DELIVERY: Record<WebhookDeliveryStatus, Styled> = {
  PENDING: { text: 'pending', color: 'yellow' },
  DELIVERED: { text: 'delivered', color: 'green' },
  FAILED: { text: 'failed', color: 'red' },
};

export function deliveryStatus(status: WebhookDeliveryStatus): Styled {
  return DELIVERY[status];
}

export function rotationStatus(status: CertificateRotationStatus): Styled {
  return ROTATION[status];
}

export function requestStatus(status: AccessRequestStatus): Styled {
  return REQUEST[status];
}

export function certificateStatus(status: CertificateStatus): Styled {
  return CERTIFICATE[status];
}

export function syncStatus(status: SyncRunStatus): Styled {
  return SYNC[status];
}

/**
 * A cell cut or padded to `width` characters, `~` marking a cut. Table rows stay printable ASCII
 * where the data allows: Ink measures every line with string-width on every frame, ~2 µs for an
 * ASCII row and ~250 µs once it holds a single `…` (bench/render.bench.ts).
 */
export function fit(text: string, width: number, cut = '…'): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length > width) return `${chars.slice(0, Math.max(0, width - 1)).join('')}${cut}`;
  return text + ' '.repeat(width - chars.length);
}
