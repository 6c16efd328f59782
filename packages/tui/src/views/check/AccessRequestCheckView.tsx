// `C` on a request: the request check by access request. Asks only for the PEM file the client
// presents; the server sends the request's own credential and checks every API of its product.
import { readFile } from 'node:fs/promises';
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { useApp, useViewKeys } from '../../app-context.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { TextField } from '../../components/TextField.tsx';
import { describeError, describeUserErrors } from '../../graphql/describe-error.ts';
import { type AccessRequestCheck, AccessRequestCheckQuery } from '../../graphql/operations/request-check.ts';
import { resolvePath } from '../certificates/resolve-path.ts';
import type { ViewProps } from '../view-props.ts';
import { CheckReport } from './CheckReport.tsx';

export function AccessRequestCheckView({ entry }: ViewProps) {
  const { client, dispatch, refresh } = useApp();
  const accessRequest = entry.params.id ?? '';
  const [pem, setPem] = useState<string | null>(null);
  const [answer, setAnswer] = useState<{ check?: AccessRequestCheck; error?: string } | null>(null);
  const [asking, setAsking] = useState(true);

  // The form's input owns the keyboard while it is open.
  useEffect(() => {
    if (!asking) return;
    dispatch({ type: 'dialog/open' });
    return () => dispatch({ type: 'dialog/close' });
  }, [asking, dispatch]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: ctrl-r (refresh) checks again.
  useEffect(() => {
    if (pem === null) return;
    let current = true;
    setAnswer(null);
    void client
      .query(AccessRequestCheckQuery, { accessRequest, pem })
      .toPromise()
      .then((result) => {
        if (!current) return;
        const payload = result.data?.accessRequestCheck;
        if (result.error) setAnswer({ error: describeError(result.error) });
        else if (!payload?.check) setAnswer({ error: describeUserErrors(payload?.userErrors ?? []) });
        else setAnswer({ check: payload.check });
      });
    return () => {
      current = false;
    };
  }, [client, accessRequest, pem, refresh]);

  useViewKeys((id) => {
    if (id !== 'newCheck') return false;
    setAsking(true);
    return true;
  });

  const ask = (read: string) => {
    setPem(read);
    setAsking(false);
  };
  if (asking) return <PemForm onSubmit={ask} onCancel={() => setAsking(false)} />;
  if (pem === null) return <Text dimColor>Press n to give the PEM file the request's client presents.</Text>;
  if (!answer) return <Text dimColor>Asking the Dashboard…</Text>;
  if (answer.error || !answer.check) return <Text color="red">{answer.error} · n to try again</Text>;
  const { check } = answer;
  return (
    <Box flexDirection="column">
      <Text bold color={check.wouldPass ? 'green' : 'red'}>
        {check.wouldPass
          ? `✓ Every API of the product (${check.apis.length}) would let the request's client through.`
          : "✗ The Gateway would refuse the request's client on at least one API."}
      </Text>
      <Text dimColor>
        {check.credential === 'SENT'
          ? "Sent with the request's live credential (not shown)."
          : 'The request has no live credential: no token was sent.'}
      </Text>
      {check.apis.map(({ api, report }) => (
        <Box key={api.apiId} flexDirection="column" marginTop={1}>
          <Text bold underline>{`${api.name ?? api.apiId} (${api.apiId})`}</Text>
          {report ? (
            <CheckReport report={report} />
          ) : (
            <Text color="red">The Dashboard no longer has this API: every call to it fails.</Text>
          )}
        </Box>
      ))}
    </Box>
  );
}

function PemForm({ onSubmit, onCancel }: { onSubmit: (pem: string) => void; onCancel: () => void }) {
  const { cwd } = useApp();
  const [error, setError] = useState<string | null>(null);
  const read = async (typed: string) => {
    const path = resolvePath(typed, cwd);
    try {
      onSubmit(await readFile(path, 'utf8'));
    } catch (e) {
      setError(`Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  return (
    <Dialog
      title="Would the Gateway let this request's client through?"
      onCancel={onCancel}
      footer="enter check  esc cancel"
    >
      <Text>PEM file the client presents (leaf first):</Text>
      <TextField placeholder="path/to/client.pem" onSubmit={(v) => void read(v)} />
      {error ? <Text color="red">{error}</Text> : null}
    </Dialog>
  );
}
