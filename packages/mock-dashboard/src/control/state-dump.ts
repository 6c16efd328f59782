import { apiWrapper } from '../state/apis.ts';
import type { ControlContext } from './control-context.ts';

/** `GET /_mock/state`: everything the mock holds, for a tester to inspect or diff. */
export function stateDump(ctx: ControlContext) {
  const { store } = ctx;
  const apiKeysOf = (orgId: string) =>
    [...store.dashboardKeys.entries()].filter(([, org]) => org === orgId).map(([key]) => key);
  return {
    settings: { pageSize: store.pageSize },
    orgs: [...store.orgs].map((id) => ({ id, apiKeys: apiKeysOf(id) })),
    certificates: [...store.certificates.values()].map((c) => ({
      id: c.id,
      orgId: c.orgId,
      fingerprint: c.fingerprint,
      hasPrivate: c.hasPrivate,
      subjectCn: c.subject.CommonName,
      notAfter: c.leaf.notAfter.toISOString(),
      pem: c.pem,
    })),
    apis: [...store.apis.values()].map((api) => ({ ...apiWrapper(api), revision: api.revision })),
    keys: [...store.keys.values()],
    faults: ctx.faults.list(),
    revisions: { certificates: store.certsRevision, apis: store.apisRevision },
  };
}
