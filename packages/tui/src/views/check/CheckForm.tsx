// The explainer's question, one input at a time: provider (when several), API, PEM file, token.
import { readFile } from 'node:fs/promises';
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { useApp } from '../../app-context.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Picker } from '../../components/Picker.tsx';
import { TextField } from '../../components/TextField.tsx';
import { authTypeWords } from '../../format/words.ts';
import { ProductsQuery } from '../../graphql/operations/products.ts';
import { ProvidersQuery } from '../../graphql/operations/providers.ts';
import { useQuery } from '../../graphql/use-query.ts';
import { resolvePath } from '../certificates/resolve-path.ts';

export interface CheckQuestion {
  readonly provider: string;
  readonly apiId: string;
  readonly pem: string;
  readonly token: string | null;
}

type Step = 'provider' | 'api' | 'pem' | 'token';

export function CheckForm({
  onSubmit,
  onCancel,
}: {
  onSubmit: (q: CheckQuestion) => void;
  onCancel: () => void;
}) {
  const { cwd } = useApp();
  const providers = useQuery(ProvidersQuery, {});
  const products = useQuery(ProductsQuery, { first: 100 });
  const [step, setStep] = useState<Step>('provider');
  const [question, setQuestion] = useState<Partial<CheckQuestion>>({});
  const [error, setError] = useState<string | null>(null);
  const nodes = providers.data?.providers.nodes;

  useEffect(() => {
    if (step === 'provider' && nodes?.length === 1) {
      setQuestion({ provider: nodes[0]!.id });
      setStep('api');
    }
  }, [step, nodes]);

  const apis = new Map<string, string>();
  for (const p of products.data?.products.nodes ?? []) {
    if (p.provider?.id !== question.provider) continue;
    for (const a of p.apis)
      apis.set(a.apiId, `${a.name ?? a.apiId}  (${p.name}, ${authTypeWords(p.authType)})`);
  }

  const readPem = async (typed: string) => {
    const path = resolvePath(typed, cwd);
    try {
      setQuestion({ ...question, pem: await readFile(path, 'utf8') });
      setError(null);
      setStep('token');
    } catch (e) {
      setError(`Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };

  return (
    <Dialog
      title="Would the Gateway let this request through?"
      onCancel={onCancel}
      footer="enter next  esc cancel"
    >
      {step === 'provider' && nodes && nodes.length > 1 ? (
        <>
          <Text>Provider:</Text>
          <Picker
            options={nodes.map((p) => ({ label: p.name, value: p.id }))}
            onChange={(provider) => {
              setQuestion({ provider });
              setStep('api');
            }}
          />
        </>
      ) : null}
      {step === 'provider' && !nodes ? <Text dimColor>{providers.error ?? 'Loading providers…'}</Text> : null}
      {step === 'api' && apis.size > 0 ? (
        <>
          <Text>API (from the products):</Text>
          <Picker
            options={[...apis].map(([value, label]) => ({ label, value }))}
            onChange={(apiId) => {
              setQuestion({ ...question, apiId });
              setStep('pem');
            }}
          />
        </>
      ) : null}
      {step === 'api' && apis.size === 0 ? (
        <>
          <Text>API id (no product names one yet):</Text>
          <TextField
            placeholder="api_id"
            onSubmit={(apiId) => {
              setQuestion({ ...question, apiId: apiId.trim() });
              setStep('pem');
            }}
          />
        </>
      ) : null}
      {step === 'pem' ? (
        <>
          <Text>PEM file the client presents (leaf first):</Text>
          <TextField placeholder="path/to/client.pem" onSubmit={(v) => void readPem(v)} />
        </>
      ) : null}
      {step === 'token' ? (
        <>
          <Text>Authorization token or JWT (empty: none sent):</Text>
          <TextField
            placeholder="key or JWT"
            mask
            onSubmit={(token) => onSubmit({ ...(question as CheckQuestion), token: token.trim() || null })}
          />
        </>
      ) : null}
      {error ? <Text color="red">{error}</Text> : null}
    </Dialog>
  );
}
