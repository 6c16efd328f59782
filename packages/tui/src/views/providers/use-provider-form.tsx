// Adding and editing a provider (a Tyk Dashboard) in one form; after either, `t` tests it.
import { useApp } from '../../app-context.ts';
import { FormDialog, type FormField } from '../../components/FormDialog.tsx';
import { useDialog } from '../../components/use-dialog.ts';
import { mutate } from '../../graphql/mutate.ts';
import {
  ProviderCreateMutation,
  type ProviderRow,
  ProviderUpdateMutation,
} from '../../graphql/operations/providers.ts';
import { flash } from '../../state/app-state.ts';

function fieldsFor(provider: ProviderRow | null): FormField[] {
  return [
    { name: 'name', label: 'Name', defaultValue: provider?.name, hint: 'Production Dashboard' },
    {
      name: 'dashboardUrl',
      label: 'Dashboard URL',
      defaultValue: provider?.dashboardUrl,
      hint: 'https://dashboard.example.com',
    },
    { name: 'orgId', label: 'Tyk org id', defaultValue: provider?.orgId },
    {
      name: 'apiKey',
      label: 'Dashboard API key',
      secret: true,
      optional: provider !== null,
      hint: provider ? 'empty keeps the stored key' : '',
    },
    {
      name: 'gatewayUrl',
      label: 'Gateway URL',
      optional: true,
      defaultValue: provider?.gatewayUrl ?? '',
      hint: 'empty: none',
    },
  ];
}

/** `editing`: null while adding. */
type Form = { readonly editing: ProviderRow | null };

export function useProviderForm(onChanged: () => void) {
  const { client, dispatch } = useApp();
  const { value: form, open, close } = useDialog<Form>();

  const save = async (editing: ProviderRow | null, v: Readonly<Record<string, string>>) => {
    const common = {
      name: v.name!,
      dashboardUrl: v.dashboardUrl!,
      orgId: v.orgId!,
      gatewayUrl: v.gatewayUrl || null,
    };
    const outcome = editing
      ? await mutate(
          client,
          ProviderUpdateMutation,
          { provider: editing.id, ...common, ...(v.apiKey ? { apiKey: v.apiKey } : {}) },
          (d) => d.providerUpdate,
        )
      : await mutate(
          client,
          ProviderCreateMutation,
          { ...common, apiKey: v.apiKey! },
          (d) => d.providerCreate,
        );
    if (!outcome.ok) return outcome.message;
    close();
    dispatch(flash('info', `${editing ? 'Saved' : 'Added'} ${common.name}. t tests the connection.`));
    onChanged();
    return null;
  };

  const dialog = form ? (
    <FormDialog
      title={form.editing ? `Edit ${form.editing.name}` : 'Add a Tyk Dashboard'}
      fields={fieldsFor(form.editing)}
      onSubmit={(values) => save(form.editing, values)}
      onCancel={close}
    />
  ) : null;

  return {
    add: () => open({ editing: null }),
    edit: (provider: ProviderRow) => open({ editing: provider }),
    dialog,
  };
}
