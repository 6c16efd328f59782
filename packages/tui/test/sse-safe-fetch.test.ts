// urql aborting an SSE response from inside its own event callback left an AbortError
// rejection no one handled, which ends a Node 20 process. With sseSafeFetch it ends quietly.
import { gql } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalClient } from '../src/graphql/client.ts';
import { ProvidersQuery } from '../src/graphql/operations/providers.ts';
import { SyncRunStartMutation } from '../src/graphql/operations/sync.ts';
import { tick } from '../src/testing/render.tsx';
import { type LiveServer, startLiveServer } from './support/live-server.ts';

const EveryProgress = gql<{ syncRunProgress: { status: string } }>(
  'subscription TestEveryProgress { syncRunProgress { status } }',
);

describe('sseSafeFetch (live server)', () => {
  let server: LiveServer;
  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(() => server.close());

  it('survives unsubscribing inside the first event of an open stream', async () => {
    const client = createPortalClient(server);
    const statuses: string[] = [];
    const subscription = client.subscription(EveryProgress, {}).subscribe((result) => {
      statuses.push(result.data?.syncRunProgress.status ?? 'error');
      subscription.unsubscribe(); // the stream (every provider's runs) would stay open
    });
    await tick(200);
    const providers = await client.query(ProvidersQuery, {}).toPromise();
    await client
      .mutation(SyncRunStartMutation, { provider: providers.data!.providers.nodes[0]!.id })
      .toPromise();
    await tick(800);
    expect(statuses).toEqual(['RUNNING']);
  });
});
