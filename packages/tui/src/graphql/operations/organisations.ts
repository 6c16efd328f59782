import { operation } from '../document.ts';
import { type PageInfo, USER_ERRORS, type UserError } from './types.ts';

export interface OrganisationRow {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly certificates: { readonly totalCount: number };
}

export const OrganisationsQuery = operation<
  { organisations: { pageInfo: PageInfo; nodes: OrganisationRow[] } },
  { first: number; after?: string | null; search?: string | null }
>(
  'Organisations',
  `query Organisations($first: Int!, $after: String, $search: String) {
    organisations(first: $first, after: $after, filter: { search: $search }) {
      pageInfo { endCursor hasNextPage }
      nodes { id name createdAt certificates(first: 1) { totalCount } }
    }
  }`,
);

/** Every organisation's id and name, for the multi-selects (100 is the page maximum). */
export const OrganisationChoicesQuery = operation<
  { organisations: { pageInfo: PageInfo; nodes: { id: string; name: string }[] } },
  { after?: string | null }
>(
  'OrganisationChoices',
  `query OrganisationChoices($after: String) {
    organisations(first: 100, after: $after) { pageInfo { endCursor hasNextPage } nodes { id name } }
  }`,
);

export const OrganisationCreateMutation = operation<
  { organisationCreate: { organisation: { id: string; name: string } | null; userErrors: UserError[] } },
  { name: string }
>(
  'OrganisationCreate',
  `mutation OrganisationCreate($name: String!) {
    organisationCreate(input: { name: $name }) { organisation { id name } ${USER_ERRORS} }
  }`,
);
