// A multi-select of every organisation (space toggles, enter submits).

import { Text } from 'ink';
import { MultiPicker } from '../../components/Picker.tsx';
import { OrganisationChoicesQuery } from '../../graphql/operations/organisations.ts';
import { useQuery } from '../../graphql/use-query.ts';

export interface OrganisationPickerProps {
  readonly defaultValue: readonly string[];
  readonly onSubmit: (ids: string[]) => void;
  readonly isDisabled?: boolean;
}

export function OrganisationPicker({ defaultValue, onSubmit, isDisabled }: OrganisationPickerProps) {
  const { data, error, fetching } = useQuery(OrganisationChoicesQuery, {});
  if (error) return <Text color="red">{error}</Text>;
  if (fetching || !data) return <Text dimColor>Loading organisations…</Text>;
  const options = data.organisations.nodes.map((o) => ({ label: o.name, value: o.id }));
  if (options.length === 0) return <Text dimColor>No organisations yet: press enter to go on without.</Text>;
  return (
    <>
      <Text dimColor>j/k move, space toggles, enter confirms</Text>
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
