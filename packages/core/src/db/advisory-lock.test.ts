import { expect, it } from 'vitest';
import { describeDatabases } from '../testing/index.ts';
import { advisoryLockId, withAdvisoryLock } from './advisory-lock.ts';
import { openDatabase } from './open-database.ts';
import { organisations } from './schema/organisations.ts';

/** A promise and the function that settles it, to hold a lock open while the test probes it. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describeDatabases('withAdvisoryLock', (ctx) => {
  it('runs the function in a transaction and returns its value', async () => {
    const result = await withAdvisoryLock(ctx.db, 'sync:prv_a', async (tx) => {
      await tx.insert(organisations).values({ name: 'inside' });
      return 42;
    });
    expect(result).toEqual({ acquired: true, value: 42 });
    expect(await ctx.db.$count(organisations)).toBe(1);
  });

  it('rolls back the function writes when it throws, and frees the key', async () => {
    const failing = withAdvisoryLock(ctx.db, 'sync:prv_a', async (tx) => {
      await tx.insert(organisations).values({ name: 'rolled back' });
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await ctx.db.$count(organisations)).toBe(0);
    expect(await withAdvisoryLock(ctx.db, 'sync:prv_a', async () => 'again')).toEqual({
      acquired: true,
      value: 'again',
    });
  });

  it('refuses a second holder of the same key in the same process', async () => {
    const held = gate();
    const first = withAdvisoryLock(ctx.db, 'sync:prv_a', () => held.wait.then(() => 'first'));
    expect(await withAdvisoryLock(ctx.db, 'sync:prv_a', async () => 'second')).toEqual({ acquired: false });
    held.open();
    expect(await first).toEqual({ acquired: true, value: 'first' });
  });

  if (ctx.dialect === 'postgres') {
    it('excludes a holder on another connection pool (another replica) until the first commits', async () => {
      const other = await openDatabase({ url: ctx.url!, max: 2 });
      try {
        const held = gate();
        const started = gate();
        const first = withAdvisoryLock(ctx.db, 'sync:prv_b', async () => {
          started.open();
          await held.wait;
          return 'first';
        });
        await started.wait;
        expect(await withAdvisoryLock(other.db, 'sync:prv_b', async () => 'other')).toEqual({
          acquired: false,
        });
        expect(await withAdvisoryLock(other.db, 'sync:prv_c', async () => 'other key')).toEqual({
          acquired: true,
          value: 'other key',
        });
        held.open();
        expect(await first).toEqual({ acquired: true, value: 'first' });
        // Transaction-scoped: released at commit, so the other replica gets it now.
        expect(await withAdvisoryLock(other.db, 'sync:prv_b', async () => 'other')).toEqual({
          acquired: true,
          value: 'other',
        });
      } finally {
        await other.close();
      }
    });
  }
});

it('derives a stable signed 64-bit lock id from the key', () => {
  expect(advisoryLockId('sync:prv_a')).toBe(advisoryLockId('sync:prv_a'));
  expect(advisoryLockId('sync:prv_a')).not.toBe(advisoryLockId('sync:prv_b'));
  expect(BigInt.asIntN(64, advisoryLockId('x'))).toBe(advisoryLockId('x'));
});
