/**
 * Expected failures are values, not exceptions (house style B5): a service returns
 * `Result<T, SomeDomainError>` and the caller must look at `ok` before using the value.
 */
export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function Ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function Err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
