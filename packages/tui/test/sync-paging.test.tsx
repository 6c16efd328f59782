// `:sync` past one page (150 runs; pages of 100) against a stubbed portal: the oldest run is
// reached by scrolling, as in every paged list.
import { afterEach, describe, it } from 'vitest';
import { SyncRunsQuery } from '../src/graphql/operations/sync.ts';
import { KEYS, type RenderedApp, renderStub } from '../src/testing/render.tsx';
import { PROVIDER, stubbedPortal } from './support/stub-fixtures.ts';

const run = (i: number) => ({
  id: `syn_${String(i).padStart(3, '0')}`,
  status: i === 149 ? ('FAILED' as const) : ('SUCCEEDED' as const),
  trigger: 'SCHEDULE' as const,
  startedAt: new Date(Date.now() - i * 3_600_000).toISOString(),
  finishedAt: new Date(Date.now() - i * 3_600_000 + 1_000).toISOString(),
  durationMs: 1_000,
  error: i === 149 ? 'the oldest run failed' : null,
  counts: { added: 0, restored: 0, softDeleted: 0, unchanged: i },
  provider: PROVIDER,
});

describe(':sync past one page (stubbed portal)', () => {
  let app: RenderedApp | undefined;
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });

  it('scrolls to the oldest run', async () => {
    const portal = stubbedPortal().on(SyncRunsQuery, ({ after, first }) => {
      const start = after ? Number(after) : 0;
      const nodes = Array.from({ length: Math.min(first, 150 - start) }, (_, i) => run(start + i));
      const next = start + nodes.length;
      return { syncRuns: { pageInfo: { endCursor: String(next), hasNextPage: next < 150 }, nodes } };
    });
    app = renderStub(portal, { size: { columns: 160, rows: 30 } });
    await app.waitFor('Certificates (');
    await app.press(':');
    await app.type('sync');
    await app.press(KEYS.enter);
    await app.waitFor('Sync runs (100+)');
    await app.press('G');
    await app.waitFor('Sync runs (150)');
    await app.press('G');
    await app.waitFor('the oldest run failed');
  });
});
