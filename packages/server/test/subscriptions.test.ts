import { systemActor } from '@repo/core';
import { describeDatabases } from '@repo/core/testing';
import { afterEach, expect, it } from 'vitest';
import { type AccessFixtures, accessFixtures } from './support/access.ts';
import { gid, uploaded } from './support/certificates.ts';
import { type Caller, useServerHarness } from './support/harness.ts';

/** An open `accessRequestStatus` stream: the statuses it has sent, and a way to close it. */
interface Stream {
  readonly statuses: string[];
  readonly errors: string[];
  /** Resolves when the stream has sent `n` events (or an error). */
  seen(n: number): Promise<void>;
  close(): void;
}

// accessRequestStatus is pushed (LISTEN/NOTIFY), not polled: an idle stream costs no SQL, and one
// token holds at most 20 open streams.
describeDatabases('subscriptions', (ctx) => {
  const h = useServerHarness(ctx);
  let f: AccessFixtures;
  const streams: Stream[] = [];
  afterEach(() => {
    for (const s of streams.splice(0)) s.close();
  });

  async function open(caller: Caller, request: string): Promise<Stream> {
    const abort = new AbortController();
    const response = await h.yoga.fetch('http://portal.test/graphql', {
      method: 'POST',
      signal: abort.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${h.tokens[caller as 'admin']}`,
      },
      body: JSON.stringify({
        query: 'subscription($id: ID!) { accessRequestStatus(accessRequest: $id) { status } }',
        variables: { id: request },
      }),
    });
    const statuses: string[] = [];
    const errors: string[] = [];
    const waiters: (() => void)[] = [];
    const notify = () => {
      for (const w of waiters.splice(0)) w();
    };
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += value;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
            buffer = buffer.slice(end + 2);
            if (!data) continue;
            const event = JSON.parse(data) as {
              data?: { accessRequestStatus: { status: string } };
              errors?: { extensions?: { code?: string } }[];
            };
            if (event.errors) errors.push(...event.errors.map((e) => e.extensions?.code ?? '?'));
            else if (event.data) statuses.push(event.data.accessRequestStatus.status);
            notify();
          }
        }
      } catch {
        // closed by the test
      }
    })();
    const stream: Stream = {
      statuses,
      errors,
      seen: (n) =>
        new Promise<void>((resolve) => {
          const check = () => (statuses.length >= n || errors.length > 0 ? resolve() : waiters.push(check));
          check();
        }),
      // Cancelling the body is what a client going away does to the server's stream.
      close: () => {
        void reader.cancel().catch(() => {});
        abort.abort();
      },
    };
    streams.push(stream);
    return stream;
  }

  async function pendingRequest(): Promise<string> {
    f ??= await accessFixtures(h);
    // A new app each time: an app holds one PENDING request per product.
    const app = await h.core.apps.create(
      { name: `app ${Math.random().toString(36).slice(2, 8)}` },
      f.actors.consumerA,
    );
    if (!app.ok) throw app.error;
    const submitted = await h.core.accessRequests.submit(
      { appId: app.value.id, productId: f.managed.id, planId: f.plan.id },
      f.actors.consumerA,
    );
    if (!submitted.ok) throw submitted.error;
    return submitted.value.id;
  }

  it('idle streams cost no SQL; a status change reaches every one', async () => {
    f = await accessFixtures(h);
    await uploaded(h, { organisationIds: [h.orgA.id] }); // Managed: the organisation has a certificate
    const id = await pendingRequest();
    const open15 = await Promise.all(
      Array.from({ length: 15 }, () => open('admin', gid('AccessRequest', id))),
    );
    await Promise.all(open15.map((s) => s.seen(1)));
    expect(open15.map((s) => [...s.statuses, ...s.errors])).toEqual(Array(15).fill(['PENDING']));
    await h.core.accessRequestEvents.ready();

    // A measurement window, not a wait for something: polling every 300 ms showed here as about
    // 50 statements (15 streams × 3 reads a second).
    const { statements } = await ctx.countStatements(
      () => new Promise((resolve) => setTimeout(resolve, 1000)),
    );
    expect(statements).toEqual([]);

    const approved = await h.core.accessRequests.approve(id, systemActor('test'));
    expect(approved.ok).toBe(true);
    await Promise.all(open15.map((s) => s.seen(2)));
    expect(open15.map((s) => s.statuses[1])).toEqual(Array(15).fill('PROVISIONING'));
  });

  it('a token holds at most 20 open streams; closing one frees its slot; other tokens are apart', async () => {
    f = await accessFixtures(h);
    const id = gid('AccessRequest', await pendingRequest());
    const held = await Promise.all(Array.from({ length: 20 }, () => open('admin', id)));
    await Promise.all(held.map((s) => s.seen(1)));
    const refused = await open('admin', id);
    await refused.seen(1);
    expect(refused.errors).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    const consumer = await open('consumerA', id);
    await consumer.seen(1);
    expect(consumer.statuses).toEqual(['PENDING']);

    held[0]!.close();
    await expect
      .poll(async () => {
        const again = await open('admin', id);
        await again.seen(1);
        again.close();
        return again.errors.length === 0 ? again.statuses[0] : again.errors[0];
      })
      .toBe('PENDING');
  });
});
