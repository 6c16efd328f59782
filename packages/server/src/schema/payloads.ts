import type { ObjectRef, SchemaTypes } from '@pothos/core';
import { builder } from './builder.ts';
import { USER_ERRORS_DOC, UserError, type UserErrorShape } from './user-errors.ts';

/** What `settle()` makes of a core Result, and what a simple payload type reads. */
export interface Settled<T> {
  readonly value: T | null;
  readonly userErrors: readonly UserErrorShape[];
}

/**
 * `<Mutation>Payload { <field>: <Object>, userErrors: [UserError!]! }`: the changed object (null
 * when nothing was done) and why not.
 */
export function payloadType<Types extends SchemaTypes, T>(
  name: string,
  options: { description: string; field: string; type: ObjectRef<Types, T>; fieldDescription: string },
) {
  return builder.objectRef<Settled<T>>(name).implement({
    description: options.description,
    fields: (t) => ({
      [options.field]: t.field({
        // biome-ignore lint/suspicious/noExplicitAny: the ref's builder types equal ours; Pothos cannot see it through the generic.
        type: options.type as any,
        nullable: true,
        description: options.fieldDescription,
        resolve: (payload) => payload.value as never,
      }),
      userErrors: t.field({
        type: [UserError],
        description: USER_ERRORS_DOC,
        resolve: (payload) => payload.userErrors,
      }),
    }),
  });
}
