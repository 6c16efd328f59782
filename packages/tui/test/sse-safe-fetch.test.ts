// urql aborting an SSE response from inside its own event callback left an AbortError
// rejection no one handled, which ends a Node 20 process. With sseSafeFetch it ends quietly.
import { gql } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalClient } from '../src/graphql/client.ts';
import { ProvidersQuery } from '../src/graphql/operations/providers.ts';
import { SyncRunStartMutation } from '../src/graphql/operations/sync.ts';
import { type LiveServer, startLiveServer } from './support/live-server.ts';

const EveryProgress = gql<{ syncRunProgress: { status: string } }>(
  'subscription TestEveryProgress { syncRunProgress { status } }',
);

const ControlProgress = gql<{ syncRunProgress: { status: string } }>(
  'subscription TestControlProgress { syncRunProgress { status } }',
);

describe('sseSafeFetch (live server)', () => {
  let server: LiveServer;
  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(() => server.close());

  it('survives unsubscribing inside the first event of an open stream', async () => {
    // A stream is open once its response has arrived: only then can the run's events reach it.
    let streams = 0;
    const client = createPortalClient(server, async (input, init) => {
      const response = await fetch(input, init);
      if (response.headers.get('content-type')?.includes('text/event-stream')) streams++;
      return response;
    });
    const statuses: string[] = [];
    const subscription = client.subscription(EveryProgress, {}).subscribe((result) => {
      statuses.push(result.data?.syncRunProgress.status ?? 'error');
      subscription.unsubscribe(); // the stream (every provider's runs) would stay open
    });
    // A second stream (another operation: urql would share an identical one), left open, says
    // when the run's last event has been sent: by then a first stream that had not really closed
    // would have carried the later statuses too.
    const ended = new Promise<void>((resolve) => {
      const control = client.subscription(ControlProgress, {}).subscribe((result) => {
        if (result.data?.syncRunProgress.status !== 'RUNNING') {
          control.unsubscribe();
          resolve();
        }
      });
    });
    await expect.poll(() => streams, { timeout: 15_000 }).toBe(2);
    const providers = await client.query(ProvidersQuery, {}).toPromise();
    await client
      .mutation(SyncRunStartMutation, { provider: providers.data!.providers.nodes[0]!.id })
      .toPromise();
    await ended;
    expect(statuses).toEqual(['RUNNING']);
  });
});
