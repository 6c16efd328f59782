import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Largest list accepted anywhere in a request's variables. The cost limit (graphql-armor) counts
 * the fields of the document, not the items a variable carries, so `nodes(ids: $ids)` with 30,000
 * ids passed it and held the event loop for 3.3 s; lists are bounded here, before execution.
 */
export const MAX_VARIABLE_LIST_ITEMS = 1000;

/** The longest array anywhere in `value`, walked without recursion (a body may nest deeply). */
export function longestList(value: unknown): number {
  let longest = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null) continue;
    if (Array.isArray(next)) longest = Math.max(longest, next.length);
    // A loop, not push(...items): half a million arguments would overflow the call stack.
    for (const item of Object.values(next)) if (typeof item === 'object' && item !== null) pending.push(item);
  }
  return longest;
}

function tooLong(length: number, max: number): GraphQLError {
  return new GraphQLError(`A list in the variables holds ${length} items; at most ${max} are accepted.`, {
    extensions: { code: 'LIST_TOO_LONG', limit: max },
  });
}

/** Refuses an operation whose variables hold a list longer than `max`, before it runs. */
export function useVariableListLimit(max = MAX_VARIABLE_LIST_ITEMS): Plugin {
  const check = (variables: unknown) => {
    const length = longestList(variables);
    return length > max ? tooLong(length, max) : undefined;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args.variableValues);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args.variableValues);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
