// A multi-select of every organisation (space toggles, `/` filters, enter submits). Every page is
// read, not the first 100: an organisation past them must be choosable, and one a certificate
// already has must not be dropped for being out of sight.

import type { OperationResult } from '@urql/core';
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { useApp } from '../../app-context.ts';
import { MultiPicker, type PickerOption } from '../../components/Picker.tsx';
import { describeError } from '../../graphql/describe-error.ts';
import type { OrganisationChoicesQuery as OrganisationChoices } from '../../graphql/generated.ts';
import { OrganisationChoicesQuery } from '../../graphql/operations/organisations.ts';

export interface OrganisationPickerProps {
  readonly defaultValue: readonly string[];
  readonly onSubmit: (ids: string[]) => void;
  readonly isDisabled?: boolean;
}

/** Every organisation, read a page of 100 at a time. */
function useAllOrganisations(): { options?: PickerOption[]; error?: string } {
  const { client } = useApp();
  const [state, setState] = useState<{ options?: PickerOption[]; error?: string }>({});
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const options: PickerOption[] = [];
      let after: string | null = null;
      do {
        const result: OperationResult<OrganisationChoices> = await client
          .query(OrganisationChoicesQuery, { after })
          .toPromise();
        if (cancelled) return;
        if (result.error || !result.data)
          return setState({ error: result.error ? describeError(result.error) : 'no data' });
        const page = result.data.organisations;
        options.push(...page.nodes.map((o) => ({ label: o.name, value: o.id })));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      setState({ options });
    })();
    return () => {
      cancelled = true;
    };
  }, [client]);
  return state;
}

export function OrganisationPicker({ defaultValue, onSubmit, isDisabled }: OrganisationPickerProps) {
  const { options, error } = useAllOrganisations();
  if (error) return <Text color="red">{error}</Text>;
  if (!options) return <Text dimColor>Loading organisations…</Text>;
  if (options.length === 0) return <Text dimColor>No organisations yet: press enter to go on without.</Text>;
  return (
    <>
      <Text dimColor>j/k move, space toggles, / filters, enter confirms</Text>
      <MultiPicker
        options={options}
        defaultValue={[...defaultValue]}
        onSubmit={onSubmit}
        isDisabled={isDisabled}
        visibleOptionCount={Math.min(10, options.length)}
      />
    </>
  );
}
