// `:users`: who can use the portal. `n` creates a user and shows its bearer token once (only a
// hash is kept, so it cannot be shown again); `c` there copies it (OSC 52).
import { Text, useInput } from 'ink';
import { useApp, useViewKeys } from '../../app-context.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { FormDialog } from '../../components/FormDialog.tsx';
import { ListView } from '../../components/ListView.tsx';
import type { Column } from '../../components/Table.tsx';
import { useDialog } from '../../components/use-dialog.ts';
import { usePagedRows } from '../../components/use-paged-rows.ts';
import { dateTime } from '../../format/time.ts';
import { userRole } from '../../format/words.ts';
import { describeError } from '../../graphql/describe-error.ts';
import { mutate } from '../../graphql/mutate.ts';
import { OrganisationsQuery } from '../../graphql/operations/organisations.ts';
import { UserCreateMutation, type UserRow, UsersQuery } from '../../graphql/operations/users.ts';
import { flash } from '../../state/app-state.ts';
import type { ViewProps } from '../view-props.ts';
import { userInput } from './user-form.ts';

const COLUMNS: Column<UserRow>[] = [
  { title: 'NAME', width: 30, flex: true, minWidth: 12, cell: (u) => u.name },
  { title: 'ROLE', width: 10, cell: (u) => userRole(u.role) },
  { title: 'ORGANISATION', width: 30, flex: true, minWidth: 10, cell: (u) => u.organisation?.name ?? '-' },
  { title: 'CREATED', width: 16, priority: 1, cell: (u) => dateTime(u.createdAt) },
];

type Dialogs = { kind: 'form' } | { kind: 'token'; name: string; token: string } | null;

export function UserList(view: ViewProps) {
  const { client, dispatch, writeRaw } = useApp();
  const { move, reload, summary, table } = usePagedRows(UsersQuery, (d) => d.users, view, {
    text: (u) => `${u.name} ${u.role} ${u.organisation?.name ?? ''}`,
  });
  const dialogState = useDialog<NonNullable<Dialogs>>();
  const dialog = dialogState.value;

  const close = dialogState.close;

  const create = async (v: Readonly<Record<string, string>>): Promise<string | null> => {
    let organisations: readonly { id: string; name: string }[] = [];
    if (v.organisation) {
      const found = await client.query(OrganisationsQuery, { first: 20, search: v.organisation }).toPromise();
      if (found.error) return describeError(found.error);
      organisations = found.data?.organisations.nodes ?? [];
    }
    const input = userInput(v.role ?? '', v.organisation ?? '', organisations);
    if (!input.ok) return input.message;
    const outcome = await mutate(
      client,
      UserCreateMutation,
      { name: v.name!, role: input.role, organisation: input.organisation },
      (d) => d.userCreate,
    );
    if (!outcome.ok) return outcome.message;
    dialogState.open({ kind: 'token', name: v.name!, token: outcome.payload.token ?? '' });
    reload();
    return null;
  };

  useViewKeys((id) => {
    if (move(id)) return true;
    if (id !== 'create') return false;
    dialogState.open({ kind: 'form' });
    return true;
  });

  if (dialog?.kind === 'form')
    return (
      <FormDialog
        title="New user"
        fields={[
          { name: 'name', label: 'Name', hint: 'Ada Lovelace' },
          { name: 'role', label: 'Role', hint: 'admin or consumer' },
          {
            name: 'organisation',
            label: 'Organisation',
            optional: true,
            hint: "a consumer's; empty for an admin",
          },
        ]}
        onSubmit={create}
        onCancel={close}
      />
    );
  if (dialog?.kind === 'token')
    return (
      <TokenDialog
        name={dialog.name}
        token={dialog.token}
        onCopy={() => {
          writeRaw?.(`\u001B]52;c;${Buffer.from(dialog.token).toString('base64')}\u0007`);
          dispatch(flash('info', `Copied ${dialog.name}'s token.`));
        }}
        onClose={close}
      />
    );
  return (
    <ListView
      title="Users"
      summary={summary()}
      columns={COLUMNS}
      {...table}
      rowKey={(u) => u.id}
      empty="No users."
    />
  );
}

/** The new user's token, this once. */
function TokenDialog(props: { name: string; token: string; onCopy: () => void; onClose: () => void }) {
  useInput((input, key) => {
    if (input === 'c') props.onCopy();
    else if (key.return) props.onClose();
  });
  return (
    <Dialog title={`${props.name} is created`} onCancel={props.onClose} footer="c copy  enter/esc close">
      <Text>Their bearer token, shown this once (only its hash is kept):</Text>
      <Text bold color="green">
        {props.token}
      </Text>
    </Dialog>
  );
}
