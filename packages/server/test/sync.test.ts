import { systemActor } from '@repo/core';
import { describeDatabases, makeCertificate } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { createLogger } from '../src/http/logging.ts';
import { startSyncScheduler } from '../src/jobs/sync-scheduler.ts';
import { gid } from './support/certificates.ts';
import { type GqlResult, ORG_ID, type ServerHarness, useServerHarness } from './support/harness.ts';

const START = `mutation($input: SyncRunStartInput!) {
  syncRunStart(input: $input) {
    syncRun { id status trigger provider { name } }
    userErrors { __typename code ... on SyncAlreadyRunningError { run { status } } }
  }
}`;
const PROGRESS = `subscription($run: ID, $provider: ID) {
  syncRunProgress(run: $run, provider: $provider) {
    status phase pagesFetched pagesTotal counts { added softDeleted } run { id status } provider { name }
  }
}`;
const RUN_ACTION = (name: string) =>
  `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { syncRun { status counts { softDeleted } } userErrors { code path } } }`;

async function seedStore(h: ServerHarness, count: number): Promise<string[]> {
  const certs = await Promise.all(
    Array.from({ length: count }, (_, i) => makeCertificate({ name: `CN=store ${i}` })),
  );
  await h.control('POST', '/_mock/seed', { certificates: certs.map((c) => ({ orgId: ORG_ID, pem: c.pem })) });
  const listing = await h.dashboard('GET', '/api/certs?p=-1');
  return listing.certs as string[];
}

const done = (events: GqlResult[]) => events.some((e) => e.data?.syncRunProgress?.phase === 'DONE');

describeDatabases('sync', (ctx) => {
  const h = useServerHarness(ctx, { sync: { hold: { share: 0.5, minimum: 3 } } });
  const provider = () => gid('Provider', h.provider.id);

  it('syncRunStart returns the run RUNNING; its progress streams page by page to DONE', async () => {
    await seedStore(h, 25);
    let started: GqlResult | undefined;
    const events = await h.subscribe(
      'admin',
      PROGRESS,
      { provider: provider() },
      {
        until: done,
        started: async () => {
          started = await h.gql('admin', START, { input: { provider: provider() } });
        },
      },
    );
    expect(started!.data.syncRunStart).toMatchObject({
      syncRun: { status: 'RUNNING', trigger: 'MANUAL', provider: { name: 'Mock' } },
      userErrors: [],
    });
    const progress = events.map((e) => e.data.syncRunProgress);
    expect(progress.filter((p) => p.phase === 'FETCHING').map((p) => p.pagesFetched)).toEqual([1, 2, 3]);
    expect(progress.at(-1)).toMatchObject({
      phase: 'DONE',
      status: 'SUCCEEDED',
      pagesFetched: 3,
      pagesTotal: 3,
      counts: { added: 25, softDeleted: 0 },
      run: { id: started!.data.syncRunStart.syncRun.id, status: 'SUCCEEDED' },
      provider: { name: 'Mock' },
    });
    const runs = await h.gql(
      'admin',
      '{ syncRuns(filter: { status: [SUCCEEDED] }) { nodes { status counts { added } } } }',
    );
    expect(runs.data.syncRuns.nodes).toEqual([{ status: 'SUCCEEDED', counts: { added: 25 } }]);
  });

  it('following a run that has ended gives its final state and completes', async () => {
    await seedStore(h, 2);
    const run = await h.core.sync.run(h.provider.id, 'MANUAL', systemActor('test'));
    if (!run.ok) throw run.error;
    const events = await h.subscribe('admin', PROGRESS, { run: gid('SyncRun', run.value.id) });
    expect(events.map((e) => e.data.syncRunProgress)).toMatchObject([
      { phase: 'DONE', status: 'SUCCEEDED', pagesFetched: 1, pagesTotal: 1, counts: { added: 2 } },
    ]);
  });

  it('a second start while one runs is SyncAlreadyRunningError, naming the run', async () => {
    await seedStore(h, 3);
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/certs/details',
      kind: 'latency',
      ms: 300,
    });
    const first = await h.gql('admin', START, { input: { provider: provider() } });
    const second = await h.gql('admin', START, { input: { provider: provider() } });
    expect(first.data.syncRunStart.userErrors).toEqual([]);
    expect(second.data.syncRunStart).toEqual({
      syncRun: null,
      userErrors: [
        { __typename: 'SyncAlreadyRunningError', code: 'SYNC_ALREADY_RUNNING', run: { status: 'RUNNING' } },
      ],
    });
    await h.subscribe('admin', PROGRESS, { run: first.data.syncRunStart.syncRun.id }, { until: done });
  });

  it('a held run holds only its deletions: later runs go on and merge into it', async () => {
    const ids = await seedStore(h, 4);
    await h.core.sync.run(h.provider.id, 'MANUAL', systemActor('test'));
    for (const id of ids.slice(0, 3)) await h.dashboard('DELETE', `/api/certs/${id}`);
    const hold = async () => {
      const held = await h.core.sync.run(h.provider.id, 'SCHEDULE');
      if (!held.ok || held.value.status !== 'HELD') throw new Error('expected a HELD run');
      return gid('SyncRun', held.value.id);
    };
    const first = await hold();
    // A later run is not blocked: it ends on its own, and its deletions join the held set.
    expect(await h.core.sync.run(h.provider.id, 'SCHEDULE')).toMatchObject({
      ok: true,
      value: { status: 'SUCCEEDED', softDeleted: 0 },
    });
    const discarded = await h.gql('admin', RUN_ACTION('syncRunDiscard'), { input: { run: first } });
    expect(discarded.data.syncRunDiscard).toEqual({
      syncRun: { status: 'DISCARDED', counts: { softDeleted: 3 } },
      userErrors: [],
    });
    const second = await hold();
    // Before confirming, the admin reads what it would soft-delete: the list, by pages.
    const HELD = `query($id: ID!, $after: String) { node(id: $id) { ... on SyncRun {
      heldDeletions(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { tykId } } } } }`;
    const firstPage = await h.gql('admin', HELD, { id: second });
    const { heldDeletions } = firstPage.data.node;
    expect(heldDeletions).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const nextPage = await h.gql('admin', HELD, { id: second, after: heldDeletions.pageInfo.endCursor });
    const held = [...heldDeletions.nodes, ...nextPage.data.node.heldDeletions.nodes];
    expect(held.map((c: { tykId: string }) => c.tykId).sort()).toEqual(ids.slice(0, 3).sort());
    expect(nextPage.data.node.heldDeletions.pageInfo.hasNextPage).toBe(false);
    const confirmed = await h.gql('admin', RUN_ACTION('syncRunConfirm'), { input: { run: second } });
    expect(confirmed.data.syncRunConfirm).toEqual({
      syncRun: { status: 'SUCCEEDED', counts: { softDeleted: 3 } },
      userErrors: [],
    });
    const again = await h.gql('admin', RUN_ACTION('syncRunConfirm'), { input: { run: second } });
    expect(again.data.syncRunConfirm.userErrors).toEqual([{ code: 'SYNC_NOT_HELD', path: null }]);
    const missing = await h.gql('admin', RUN_ACTION('syncRunDiscard'), {
      input: { run: gid('SyncRun', 'syn_01m8gzzzzzzzzzzzzzzzzzzzzz') },
    });
    expect(missing.data.syncRunDiscard.userErrors).toEqual([{ code: 'NOT_FOUND', path: ['input', 'run'] }]);
  });

  it('the scheduler syncs every provider and takes a held run in its stride', async () => {
    const ids = await seedStore(h, 4);
    const scheduler = startSyncScheduler(h.core, { intervalMs: 0, logger: createLogger('silent') });
    await scheduler.tick();
    for (const id of ids.slice(0, 3)) await h.dashboard('DELETE', `/api/certs/${id}`);
    await scheduler.tick(); // HELD
    await scheduler.tick(); // merges into the held run: not blocked, not a failure
    await scheduler.stop();
    const runs = await h.gql('admin', '{ syncRuns { nodes { status trigger } } }');
    expect(runs.data.syncRuns.nodes).toEqual([
      { status: 'SUCCEEDED', trigger: 'SCHEDULE' },
      { status: 'HELD', trigger: 'SCHEDULE' },
      { status: 'SUCCEEDED', trigger: 'SCHEDULE' },
    ]);
  });
});
