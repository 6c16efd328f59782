import { Client, type Exchange, gql, makeErrorResult, makeResult } from '@urql/core';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';
import { map, pipe } from 'wonka';
import { AppContext, type AppContextValue } from '../app-context.ts';
import { useQuery } from './use-query.ts';

const Names = gql<{ names: string[] }, Record<string, never>>`query Names { names }`;

function Names_({ nonce }: { nonce: number }) {
  const { data, error, refetch } = useQuery(Names, {});
  if (nonce > 0 && nonce !== lastNonce) {
    lastNonce = nonce;
    refetch();
  }
  return <Text>{`${data?.names.join(',') ?? 'none'} ${error ?? ''}`}</Text>;
}
let lastNonce = 0;

it('keeps the last data on screen when the server goes away', async () => {
  let up = true;
  // A server stand-in: answers while up, then a network error, as a refused connection gives.
  const server: Exchange = () => (ops$) =>
    pipe(
      ops$,
      map((op) =>
        up
          ? makeResult(op, { data: { names: ['acme', 'globex'] } })
          : makeErrorResult(op, new Error('connect ECONNREFUSED')),
      ),
    );
  const client = new Client({
    url: 'http://portal.invalid/graphql',
    exchanges: [server],
    requestPolicy: 'network-only',
  });
  const connection: boolean[] = [];
  const context = {
    client,
    refresh: 0,
    dispatch: (action: { type: string; online?: boolean }) => {
      if (action.type === 'connection') connection.push(action.online === true);
    },
    liveRefreshMs: 0,
    idle: true,
    online: true,
  } as unknown as AppContextValue;
  const view = (nonce: number) => (
    <AppContext.Provider value={context}>
      <Names_ nonce={nonce} />
    </AppContext.Provider>
  );
  const app = render(view(0));
  const frame = async (predicate: (f: string) => boolean) => {
    for (let i = 0; i < 100 && !predicate(app.lastFrame() ?? ''); i++)
      await new Promise((r) => setTimeout(r, 10));
    return app.lastFrame() ?? '';
  };
  expect(await frame((f) => f.includes('acme'))).toContain('acme,globex');
  up = false;
  app.rerender(view(1));
  const after = await frame((f) => f.includes('ECONNREFUSED') || f.includes('none'));
  expect(after).toContain('acme,globex');
  // Each answer told the app whether the server answered: once yes, then no.
  expect(connection).toEqual([true, false]);
  app.unmount();
});
