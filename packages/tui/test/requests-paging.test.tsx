// `:requests` past one page (150 requests; pages of 100) against a stubbed portal: the oldest are
// reached by scrolling, and a live refresh re-reads every loaded page, so a status changed on the
// second page shows without moving the cursor.
import { afterEach, describe, expect, it } from 'vitest';
import { AccessRequestsQuery } from '../src/graphql/operations/access-requests.ts';
import { KEYS, type RenderedApp, renderStub } from '../src/testing/render.tsx';
import { ACME, stubbedPortal } from './support/stub-fixtures.ts';

type Status = 'PENDING' | 'APPROVED';

const request = (i: number, status: Status) => ({
  id: `req_${String(i).padStart(3, '0')}`,
  status,
  attempts: 0,
  createdAt: new Date(Date.now() - i * 60_000).toISOString(),
  decidedAt: null,
  approvedAt: null,
  failedStep: null,
  failureReason: null,
  rejectReason: null,
  app: {
    name: `app ${String(i).padStart(3, '0')}`,
    organisation: { name: ACME.name },
    owner: { name: 'dev' },
  },
  product: { name: 'Payments', certificateMode: 'MANAGED' as const, authType: 'AUTH_TOKEN_MTLS' as const },
  plan: { name: 'Gold' },
  certificate: null,
  decidedBy: null,
  credentials: [],
});

describe(':requests past one page (stubbed portal)', () => {
  let app: RenderedApp | undefined;
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });

  it('scrolls to the oldest request and shows a status changed there on the next refresh', async () => {
    const statuses: Status[] = Array.from({ length: 150 }, (_, i) => (i === 149 ? 'PENDING' : 'APPROVED'));
    const portal = stubbedPortal().on(AccessRequestsQuery, ({ after, first }) => {
      const start = after ? Number(after) : 0;
      const nodes = statuses.slice(start, start + first).map((s, i) => request(start + i, s));
      const next = start + nodes.length;
      return {
        accessRequests: { pageInfo: { endCursor: String(next), hasNextPage: next < statuses.length }, nodes },
      };
    });
    app = renderStub(portal, { size: { columns: 160, rows: 30 }, liveRefreshMs: 100 });
    await app.waitFor('Certificates (');
    await app.press(':');
    await app.type('requests');
    await app.press(KEYS.enter);
    await app.waitFor('Access requests (100+, 0 pending)');
    await app.press('G');
    await app.waitFor('Access requests (150, 1 pending)');
    await app.press('G');
    // The cursor is on it: the only PENDING row, so approve is offered.
    await app.waitFor((f) => /app 149 .*pending/.test(f) && f.includes('<a> approve'));

    statuses[149] = 'APPROVED'; // approved elsewhere
    // The refresh read both pages again; the cursor stayed on it, now APPROVED: no approve.
    await app.waitFor(
      (f) => /app 149 .*approved/.test(f) && f.includes('(150, 0 pending)') && !f.includes('<a> approve'),
    );
    expect(portal.calls.filter((c) => c.operationName === 'AccessRequests').length).toBeGreaterThanOrEqual(4);
  });
});
