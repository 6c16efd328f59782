// The new-user form's answers as userCreate's input: a role word and an organisation named as the
// admin typed it. Pure.
import type { UserRole } from '../../graphql/generated.ts';

const ROLES: Readonly<Record<string, UserRole>> = {
  a: 'ADMIN',
  admin: 'ADMIN',
  c: 'CONSUMER',
  consumer: 'CONSUMER',
};

export type UserInput =
  | { readonly ok: true; readonly role: UserRole; readonly organisation: string | null }
  | { readonly ok: false; readonly message: string };

/** `organisations`: every organisation's id and name; the name matches case-insensitively. */
export function userInput(
  role: string,
  organisation: string,
  organisations: readonly { id: string; name: string }[],
): UserInput {
  const r = ROLES[role.trim().toLowerCase()];
  if (!r) return { ok: false, message: 'Role is admin or consumer.' };
  const name = organisation.trim().toLowerCase();
  if (r === 'ADMIN') {
    return name === ''
      ? { ok: true, role: r, organisation: null }
      : { ok: false, message: 'An admin belongs to no organisation: leave it empty.' };
  }
  if (name === '') return { ok: false, message: 'A consumer belongs to an organisation: name it.' };
  const found = organisations.find((o) => o.name.toLowerCase() === name);
  return found
    ? { ok: true, role: r, organisation: found.id }
    : { ok: false, message: `No organisation is named ${organisation.trim()}.` };
}
