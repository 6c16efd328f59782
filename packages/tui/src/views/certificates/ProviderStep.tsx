// The first step of a dialog that works on one provider's store (upload, import): with one provider,
// or one the caller already knows, it chooses at once and renders nothing; with several it asks.
import { Text } from 'ink';
import { useEffect } from 'react';
import { Picker } from '../../components/Picker.tsx';
import { ProvidersQuery } from '../../graphql/operations/providers.ts';
import { useQuery } from '../../graphql/use-query.ts';

export function ProviderStep({
  fixed,
  onChosen,
  onError,
}: {
  /** A provider the caller already knows (the store being viewed). */
  fixed?: string | undefined;
  onChosen: (providerId: string) => void;
  onError: (message: string) => void;
}) {
  const providers = useQuery(ProvidersQuery, {});
  const nodes = providers.data?.providers.nodes;

  useEffect(() => {
    if (!nodes) return;
    const only = fixed ?? (nodes.length === 1 ? nodes[0]!.id : null);
    if (only) onChosen(only);
    else if (nodes.length === 0) onError('No provider: add a Dashboard first.');
  }, [nodes, fixed, onChosen, onError]);

  if (!nodes) return <Text dimColor>{providers.error ?? 'Loading providers…'}</Text>;
  if (fixed || nodes.length < 2) return null;
  return (
    <>
      <Text>Provider:</Text>
      <Picker options={nodes.map((p) => ({ label: p.name, value: p.id }))} onChange={onChosen} />
    </>
  );
}
