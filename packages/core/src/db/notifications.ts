import { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import type { Db } from './open-database.ts';

/**
 * Listens on a PostgreSQL NOTIFY channel through the client behind `db`: postgres.js holds one
 * dedicated connection for all its LISTENs (so notifications from every replica arrive), PGlite
 * delivers its own in-process. Resolves once LISTEN is in place, with the function that stops it.
 */
export async function listen(
  db: Db,
  channel: string,
  onPayload: (payload: string) => void,
): Promise<() => Promise<void>> {
  const client = (db as unknown as { $client: PGlite | Sql }).$client;
  if (client instanceof PGlite) return client.listen(channel, onPayload);
  const request = await client.listen(channel, onPayload);
  return () => request.unlisten();
}
