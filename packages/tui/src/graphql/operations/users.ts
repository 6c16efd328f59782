import { operation } from '../document.ts';
import { type PageInfo, USER_ERRORS, type UserError, type UserRole } from './types.ts';

export interface UserRow {
  readonly id: string;
  readonly name: string;
  readonly role: UserRole;
  readonly organisation: { readonly id: string; readonly name: string } | null;
  readonly createdAt: string;
}

const USER = 'id name role organisation { id name } createdAt';

export const UsersQuery = operation<
  { users: { pageInfo: PageInfo; nodes: UserRow[] } },
  { first: number; after?: string | null }
>(
  'Users',
  `query Users($first: Int!, $after: String) {
    users(first: $first, after: $after) { pageInfo { endCursor hasNextPage } nodes { ${USER} } }
  }`,
);

export const UserCreateMutation = operation<
  { userCreate: { user: UserRow | null; token: string | null; userErrors: UserError[] } },
  { name: string; role: UserRole; organisation?: string | null }
>(
  'UserCreate',
  `mutation UserCreate($name: String!, $role: UserRole!, $organisation: ID) {
    userCreate(input: { name: $name, role: $role, organisation: $organisation }) {
      user { ${USER} } token ${USER_ERRORS}
    }
  }`,
);
