import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openDatabase } from '../db/open-database.ts';
import { accessRequests } from '../db/schema/access-requests.ts';
import { describeDatabases } from '../testing/describe-databases.ts';
import { insertTestAccessChain } from '../testing/fixtures.ts';
import { AccessRequestEvents } from './access-request-events.ts';

/** Resolves with the ids heard, once `count` have arrived. */
function heard(events: AccessRequestEvents, id: string, count: number) {
  const ids: string[] = [];
  let stop: () => void = () => {};
  const done = new Promise<string[]>((resolve) => {
    void events
      .subscribe(id, () => {
        ids.push(id);
        if (ids.length === count) resolve(ids);
      })
      .then((unsubscribe) => {
        stop = unsubscribe;
      });
  });
  return { done, stop: () => stop() };
}

describeDatabases('access request status events', (ctx) => {
  it('tells subscribers of a request when its status changes, on commit, and nothing else', async () => {
    const chain = await insertTestAccessChain(ctx.db);
    const other = await insertTestAccessChain(ctx.db);
    const events = new AccessRequestEvents(ctx.db);
    try {
      const mine: string[] = [];
      const theirs: string[] = [];
      const unsubscribe = await events.subscribe(chain.accessRequest.id, () => mine.push('changed'));
      await events.subscribe(other.accessRequest.id, () => theirs.push('changed'));
      // A rolled-back change says nothing; a change that is not of the status says nothing.
      await ctx.db
        .transaction(async (tx) => {
          await tx
            .update(accessRequests)
            .set({ status: 'APPROVED' })
            .where(eq(accessRequests.id, chain.accessRequest.id));
          throw new Error('roll back');
        })
        .catch(() => {});
      await ctx.db
        .update(accessRequests)
        .set({ attempts: 3 })
        .where(eq(accessRequests.id, chain.accessRequest.id));
      const next = heard(events, chain.accessRequest.id, 1);
      await ctx.db
        .update(accessRequests)
        .set({ status: 'APPROVED' })
        .where(eq(accessRequests.id, chain.accessRequest.id));
      await next.done;
      next.stop();
      expect(mine).toEqual(['changed']);
      expect(theirs).toEqual([]);
      unsubscribe();
      await ctx.db
        .update(accessRequests)
        .set({ status: 'PENDING' })
        .where(eq(accessRequests.id, chain.accessRequest.id));
      await ctx.db
        .update(accessRequests)
        .set({ status: 'APPROVED' })
        .where(eq(accessRequests.id, other.accessRequest.id));
      await expect.poll(() => theirs.length).toBe(1);
      expect(mine).toEqual(['changed']); // unsubscribed
    } finally {
      await events.close();
    }
  });

  // PGlite is one process: only PostgreSQL has another replica to hear from.
  if (ctx.dialect === 'postgres')
    it('hears a change another replica commits', async () => {
      const chain = await insertTestAccessChain(ctx.db);
      const events = new AccessRequestEvents(ctx.db);
      const replica = await openDatabase({ url: ctx.url!, max: 1 });
      try {
        const next = heard(events, chain.accessRequest.id, 1);
        await events.ready(); // LISTEN is in place before the other replica commits
        await replica.db
          .update(accessRequests)
          .set({ status: 'APPROVED' })
          .where(eq(accessRequests.id, chain.accessRequest.id));
        expect(await next.done).toEqual([chain.accessRequest.id]);
        next.stop();
      } finally {
        await replica.close();
        await events.close();
      }
    });
});
