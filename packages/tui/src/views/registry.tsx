// Which component draws each view. A new view is a file and a line here (and its ids in
// view-ids.ts and keys in the keymap).
import type { ComponentType } from 'react';
import { AuditEventDetail } from './audit/AuditEventDetail.tsx';
import { AuditList } from './audit/AuditList.tsx';
import { CertificateDetail } from './certificates/CertificateDetail.tsx';
import { CertificateList } from './certificates/CertificateList.tsx';
import { AccessRequestCheckView } from './check/AccessRequestCheckView.tsx';
import { RequestCheckView } from './check/RequestCheckView.tsx';
import { DriftView } from './drift/DriftView.tsx';
import { OrganisationList } from './organisations/OrganisationList.tsx';
import { PlanList } from './plans/PlanList.tsx';
import { ProductList } from './products/ProductList.tsx';
import { ProviderList } from './providers/ProviderList.tsx';
import { RawView } from './raw/RawView.tsx';
import { RequestDetail } from './requests/RequestDetail.tsx';
import { RequestList } from './requests/RequestList.tsx';
import { RotationList } from './rotations/RotationList.tsx';
import { SyncList } from './sync/SyncList.tsx';
import { SyncRunDetail } from './sync/SyncRunDetail.tsx';
import { UserList } from './users/UserList.tsx';
import type { ViewId } from './view-ids.ts';
import type { ViewProps } from './view-props.ts';
import { WebhookList } from './webhooks/WebhookList.tsx';

export const VIEWS: Record<ViewId, ComponentType<ViewProps>> = {
  certs: CertificateList,
  cert: CertificateDetail,
  orgs: OrganisationList,
  products: ProductList,
  requests: RequestList,
  request: RequestDetail,
  check: RequestCheckView,
  requestCheck: AccessRequestCheckView,
  providers: ProviderList,
  sync: SyncList,
  syncRun: SyncRunDetail,
  audit: AuditList,
  auditEvent: AuditEventDetail,
  users: UserList,
  drift: DriftView,
  plans: PlanList,
  rotations: RotationList,
  webhooks: WebhookList,
  raw: RawView,
};
