// A mutation's outcome in one shape: the payload, or a line to show (userErrors or a network error).
import type { AnyVariables, Client, TypedDocumentNode } from '@urql/core';
import type { UserError } from './describe-error.ts';
import { describeError, describeUserErrors } from './describe-error.ts';

export type MutationOutcome<P> =
  | { readonly ok: true; readonly payload: P }
  | { readonly ok: false; readonly message: string; readonly userErrors: readonly UserError[] };

export async function mutate<
  Data,
  Variables extends AnyVariables,
  P extends { userErrors: readonly UserError[] },
>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  pick: (data: Data) => P,
): Promise<MutationOutcome<P>> {
  const result = await client.mutation(document, variables).toPromise();
  if (result.error) return { ok: false, message: describeError(result.error), userErrors: [] };
  if (!result.data) return { ok: false, message: 'The server sent no answer.', userErrors: [] };
  const payload = pick(result.data);
  if (payload.userErrors.length > 0) {
    return { ok: false, message: describeUserErrors(payload.userErrors), userErrors: payload.userErrors };
  }
  return { ok: true, payload };
}
