import { useState } from 'react';
import { useApp, useSelection, useViewKeys } from '../../app-context.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { ListView } from '../../components/ListView.tsx';
import type { Column } from '../../components/Table.tsx';
import { useDialog } from '../../components/use-dialog.ts';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import { authTypeWords, certificateModeWords } from '../../format/words.ts';
import { describeError } from '../../graphql/describe-error.ts';
import { mutate } from '../../graphql/mutate.ts';
import { ProductCreateMutation, type ProductRow, ProductsQuery } from '../../graphql/operations/products.ts';
import { ProvidersQuery } from '../../graphql/operations/providers.ts';
import { useQuery } from '../../graphql/use-query.ts';
import { flash } from '../../state/app-state.ts';
import type { ViewProps } from '../view-props.ts';
import { type ProductChange, ProductChangeDialog } from './ProductChangeDialog.tsx';
import { productInput } from './product-form.ts';

const COLUMNS: Column<ProductRow>[] = [
  { title: 'NAME', width: 26, flex: true, minWidth: 12, cell: (p) => p.name },
  {
    title: 'PROVIDER',
    width: 22,
    flex: true,
    minWidth: 8,
    priority: 1,
    cell: (p) => p.provider?.name ?? '-',
  },
  { title: 'AUTH', width: 17, cell: (p) => authTypeWords(p.authType) },
  { title: 'MODE', width: 11, cell: (p) => certificateModeWords(p.certificateMode) },
  {
    title: 'BOUND',
    width: 6,
    cell: (p) => (p.authType === 'AUTH_TOKEN_MTLS' ? (p.bindCertificateToToken ? 'yes' : 'no') : '-'),
  },
  {
    title: 'APIS',
    width: 30,
    flex: true,
    minWidth: 10,
    cell: (p) => p.apis.map((a) => a.name ?? a.apiId).join(', '),
  },
];

export function ProductList({ entry, height, width }: ViewProps) {
  const { client, dispatch } = useApp();
  const { data, error, fetching, refetch } = useQuery(ProductsQuery, { first: 100 }, { live: true });
  const creating = useDialog<true>();
  const filter = entry.filter.toLowerCase();
  const rows = (data?.products.nodes ?? []).filter(
    (p) =>
      !filter ||
      `${p.name} ${p.authType} ${p.apis.map((a) => `${a.name} ${a.apiId}`).join(' ')}`
        .toLowerCase()
        .includes(filter),
  );
  const rowsHeight = Math.max(1, height - 2);
  const { cursor, move } = useTableCursor(rows.length, rowsHeight, entry.filter);
  const selected = rows[cursor.index];
  useSelection(selected);
  const [change, setChange] = useState<ProductChange | null>(null);

  const open = (next: ProductChange) => {
    setChange(next);
    dispatch({ type: 'dialog/open' });
  };
  const close = (changed: boolean) => {
    setChange(null);
    dispatch({ type: 'dialog/close' });
    if (changed) refetch();
  };

  const create = async (values: Readonly<Record<string, string>>) => {
    const providers = await client.query(ProvidersQuery, {}).toPromise();
    if (providers.error) return describeError(providers.error);
    const parsed = productInput(values, providers.data?.providers.nodes ?? []);
    if (!parsed.ok) return parsed.message;
    const outcome = await mutate(client, ProductCreateMutation, parsed.input, (d) => d.productCreate);
    if (!outcome.ok) return outcome.message;
    creating.close();
    const product = outcome.payload.product;
    dispatch(flash('info', `Created ${product?.name} (${authTypeWords(product?.authType ?? 'OTHER')}).`));
    refetch();
    return null;
  };

  useViewKeys((id) => {
    if (move(id)) return true;
    if (id === 'create') {
      creating.open(true);
      return true;
    }
    if (!selected || (id !== 'mode' && id !== 'bind')) return false;
    if (selected.authType !== 'AUTH_TOKEN_MTLS') {
      dispatch(
        flash(
          'warn',
          `${selected.name} is ${authTypeWords(selected.authType)}: mode and binding apply to Auth Token + mTLS products only.`,
        ),
      );
      return true;
    }
    if (id === 'mode')
      open({
        product: selected,
        certificateMode: selected.certificateMode === 'MANAGED' ? 'SELF_SERVE' : 'MANAGED',
      });
    else open({ product: selected, bindCertificateToToken: !selected.bindCertificateToToken });
    return true;
  });

  if (change) return <ProductChangeDialog change={change} onClose={close} />;
  if (creating.value)
    return (
      <FormDialog
        title="New product"
        fields={[
          { name: 'name', label: 'Name', hint: 'Payments' },
          { name: 'provider', label: 'Provider', optional: true, hint: 'empty: the only one' },
          { name: 'apiIds', label: 'API ids', hint: 'api_id, comma-separated' },
          {
            name: 'mode',
            label: 'Certificate mode',
            optional: true,
            hint: 'managed or self-serve (mTLS only)',
          },
          { name: 'bind', label: 'Bind keys to certificates', optional: true, hint: 'yes or no (mTLS only)' },
        ]}
        onSubmit={create}
        onCancel={creating.close}
      />
    );
  return (
    <ListView
      title="Products"
      summary={` (${rows.length})${fetching ? '  loading…' : ''}`}
      error={error}
      columns={COLUMNS}
      rows={rows}
      cursor={cursor}
      height={rowsHeight}
      width={width}
      rowKey={(p) => p.id}
      empty="No products."
    />
  );
}
