// The startup check: reach the server and learn who the token stands for, or say in one line
// what is wrong and what to try (house style B5).
import type { Client } from '@urql/core';
import { AbortError } from '../errors.ts';
import { describeError, errorCode } from './describe-error.ts';
import { type Viewer, ViewerQuery } from './operations/viewer.ts';

const TOKEN_HINT = 'Pass the admin token `pnpm start` printed, with --token or MTLS_PORTAL_TOKEN.';

export async function connect(client: Client, url: string, timeoutMs = 10_000): Promise<Viewer> {
  const request = client.query(ViewerQuery, {}).toPromise();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const result = await Promise.race([request, timeout]).finally(() => clearTimeout(timer));
  if (result === 'timeout') {
    throw new AbortError(
      `The portal at ${url} did not answer within ${timeoutMs / 1000} s.`,
      `Is the server running at ${url}?`,
    );
  }
  const { data, error } = result;
  if (error?.networkError) {
    const status = error.response?.status as number | undefined;
    if (status === 404) {
      throw new AbortError(
        `${url} answered 404.`,
        'Point --url at the GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql.',
      );
    }
    throw new AbortError(
      `Cannot reach the portal at ${url} (${describeError(error)}).`,
      `Is the server running at ${url}? Start it with \`pnpm start\`, or pass --url.`,
    );
  }
  if (error) {
    const code = errorCode(error);
    if (code === 'UNAUTHENTICATED')
      throw new AbortError(`The portal refused the token: ${describeError(error)}`, TOKEN_HINT);
    throw new AbortError(`The portal at ${url} answered with an error: ${describeError(error)}`);
  }
  const viewer = data?.viewer;
  if (!viewer)
    throw new AbortError(`The portal at ${url} gave no answer to \`viewer\`.`, 'Is --url a portal server?');
  if (viewer.role !== 'ADMIN') {
    throw new AbortError(`The token is ${viewer.name}'s, a consumer's; the TUI is for admins.`, TOKEN_HINT);
  }
  return viewer;
}
