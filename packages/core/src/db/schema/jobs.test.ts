import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeDatabases, pgRejection } from '../../testing/index.ts';
import type { Db } from '../open-database.ts';
import { jobs } from './jobs.ts';

/** The worker's claim: the oldest due PENDING job nobody else has locked. */
async function claimOne(db: Db, worker: string, whileLocked: () => Promise<void> = async () => {}) {
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, 'PENDING'), lte(jobs.runAfter, sql`now()`)))
      .orderBy(asc(jobs.runAfter), asc(jobs.id))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!job) return undefined;
    await whileLocked();
    await tx
      .update(jobs)
      .set({ status: 'RUNNING', lockedBy: worker, lockedAt: new Date(), attempts: sql`${jobs.attempts} + 1` })
      .where(eq(jobs.id, job.id));
    return job.id;
  });
}

describeDatabases('jobs table', (ctx) => {
  it('hands out due jobs oldest first, skipping future ones', async () => {
    const past = new Date(Date.now() - 60_000);
    const [first, second] = await ctx.db
      .insert(jobs)
      .values([
        { kind: 'test', runAfter: past },
        { kind: 'test', runAfter: new Date(past.getTime() + 1) },
        { kind: 'test', runAfter: new Date(Date.now() + 3_600_000) },
      ])
      .returning();
    expect(await claimOne(ctx.db, 'w1')).toBe(first!.id);
    expect(await claimOne(ctx.db, 'w1')).toBe(second!.id);
    expect(await claimOne(ctx.db, 'w1')).toBeUndefined();
    const running = await ctx.db
      .select()
      .from(jobs)
      .where(inArray(jobs.id, [first!.id, second!.id]));
    expect(running.map((j) => [j.status, j.lockedBy, j.attempts])).toEqual([
      ['RUNNING', 'w1', 1],
      ['RUNNING', 'w1', 1],
    ]);
  });

  it('keeps one job per dedupe key, so enqueueing twice is harmless', async () => {
    const job = { kind: 'access_request.provision', dedupeKey: 'provision:acr_1' };
    await ctx.db.insert(jobs).values(job);
    await ctx.db.insert(jobs).values(job).onConflictDoNothing({ target: jobs.dedupeKey });
    expect(await ctx.db.$count(jobs)).toBe(1);
    expect((await pgRejection(ctx.db.insert(jobs).values(job))).code).toBe('23505');
  });

  it('refuses a RUNNING job without a claim, and a claim on a PENDING one', async () => {
    expect((await pgRejection(ctx.db.insert(jobs).values({ kind: 'x', status: 'RUNNING' }))).constraint).toBe(
      'jobs_locked_iff_running',
    );
    const claimedButPending = { kind: 'x', lockedBy: 'w1', lockedAt: new Date() };
    expect((await pgRejection(ctx.db.insert(jobs).values(claimedButPending))).constraint).toBe(
      'jobs_locked_iff_running',
    );
  });

  if (ctx.dialect === 'postgres') {
    it('gives concurrent workers different jobs (FOR UPDATE SKIP LOCKED)', async () => {
      const past = new Date(Date.now() - 60_000);
      await ctx.db.insert(jobs).values([
        { kind: 'test', runAfter: past },
        { kind: 'test', runAfter: past },
      ]);
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked = () => {};
      const lockTaken = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const slow = claimOne(ctx.db, 'w1', async () => {
        locked();
        await held;
      });
      await lockTaken;
      const fast = await claimOne(ctx.db, 'w2');
      release();
      const slowId = await slow;
      expect(fast).toBeDefined();
      expect(slowId).toBeDefined();
      expect(fast).not.toBe(slowId);
    });
  }
});
