import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeDatabases } from '../testing/index.ts';
import { withLeaseLock } from './lease-lock.ts';
import { openDatabase } from './open-database.ts';
import { organisations } from './schema/organisations.ts';

/** A promise and the function that settles it, to hold a lock while the test probes it. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

const locks = async (db: Parameters<typeof withLeaseLock>[0]) =>
  (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM lease_locks`, 'objects'))[0]?.n;

describeDatabases('withLeaseLock', (ctx) => {
  it('runs the function outside any transaction while the key is held, then frees it', async () => {
    const held = gate();
    const inside = gate();
    const first = withLeaseLock(
      ctx.db,
      'allow-list:a',
      async () => {
        inside.open();
        await held.wait;
        return 'first';
      },
      { waitMs: 5_000 },
    );
    await inside.wait;
    // The single PGlite connection is free: other statements run while the lock is held.
    await ctx.db.insert(organisations).values({ name: 'meanwhile' });
    expect(await ctx.db.$count(organisations)).toBe(1);
    const order: string[] = [];
    const second = withLeaseLock(ctx.db, 'allow-list:a', async () => order.push('second'), { waitMs: 5_000 });
    const other = await withLeaseLock(ctx.db, 'allow-list:b', async () => 'other key', { waitMs: 100 });
    expect(other).toBe('other key');
    order.push('released');
    held.open();
    expect(await first).toBe('first');
    await second;
    expect(order).toEqual(['released', 'second']);
    expect(await locks(ctx.db)).toBe(0);
  });

  it('frees the key when the function throws', async () => {
    const failing = withLeaseLock(ctx.db, 'allow-list:a', () => Promise.reject(new Error('boom')), {
      waitMs: 100,
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await withLeaseLock(ctx.db, 'allow-list:a', async () => 'again', { waitMs: 100 })).toBe('again');
  });

  it('takes over the key of a holder that died once its lease expired, not before', async () => {
    await ctx.db.execute(
      sql`INSERT INTO lease_locks (key, owner, expires_at) VALUES ('allow-list:a', 'dead', now() + interval '30 seconds')`,
    );
    await expect(withLeaseLock(ctx.db, 'allow-list:a', async () => 'taken', { waitMs: 100 })).rejects.toThrow(
      'stayed taken',
    );
    await ctx.db.execute(
      sql`UPDATE lease_locks SET expires_at = now() - interval '1 second' WHERE key = 'allow-list:a'`,
    );
    expect(await withLeaseLock(ctx.db, 'allow-list:a', async () => 'taken', { waitMs: 100 })).toBe('taken');
  });

  it('renews the lease while the function runs, so a slow holder keeps its key', async () => {
    const held = withLeaseLock(
      ctx.db,
      'allow-list:a',
      // Another claimant tries for 700 ms, more than twice the 300 ms lease: renewed, it stays taken.
      () => withLeaseLock(ctx.db, 'allow-list:a', async () => 'stolen', { waitMs: 700 }),
      { waitMs: 100, leaseMs: 300, renewMs: 50 },
    );
    await expect(held).rejects.toThrow('stayed taken');
    expect(await locks(ctx.db)).toBe(0);
  });

  if (ctx.dialect === 'postgres') {
    it('excludes a holder on another connection pool (another replica)', async () => {
      const other = await openDatabase({ url: ctx.url!, max: 2 });
      try {
        const held = gate();
        const inside = gate();
        const first = withLeaseLock(
          ctx.db,
          'allow-list:a',
          async () => {
            inside.open();
            await held.wait;
          },
          { waitMs: 5_000 },
        );
        await inside.wait;
        await expect(withLeaseLock(other.db, 'allow-list:a', async () => 0, { waitMs: 100 })).rejects.toThrow(
          'stayed taken',
        );
        held.open();
        await first;
        expect(await withLeaseLock(other.db, 'allow-list:a', async () => 1, { waitMs: 100 })).toBe(1);
      } finally {
        await other.close();
      }
    });
  }
});
