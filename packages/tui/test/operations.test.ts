// Every GraphQL document of the TUI (src/graphql/operations/*.graphql) against the server's printed
// schema, and the generated typed documents against what Code Generator makes of them now: a schema
// or document change without `pnpm --filter @repo/tui codegen` fails here, so CI catches the drift.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import {
  buildSchema,
  type DocumentNode,
  type FieldNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  Source,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { codegenConfig, generatedPath } from '../codegen.ts';

const schemaPath = fileURLToPath(new URL('../../server/schema.graphql', import.meta.url));
const operationsDir = fileURLToPath(new URL('../src/graphql/operations/', import.meta.url));
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));

/** Each .graphql file parsed: its operations and the fragments they share. */
const files = readdirSync(operationsDir)
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => ({
    file,
    document: parse(new Source(readFileSync(`${operationsDir}${file}`, 'utf8'), file)),
  }));

/** Every operation of every file, with the file it came from. */
const operations = files.flatMap(({ file, document }) =>
  document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((definition) => ({ file, definition })),
);

describe('GraphQL operations', () => {
  it('are all found', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
  });

  it('each file validates against packages/server/schema.graphql', () => {
    // As one document, as Code Generator reads them: a fragment may be spread in another file.
    // Each error still names its file (the source of the node it is about).
    const all: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: files.flatMap((f) => f.document.definitions),
    };
    const failures = validate(schema, all).map((e) => `${e.source?.name ?? '?'}: ${e.message}`);
    expect(failures).toEqual([]);
  });

  it('have unique names (the generated documents and types are named after them)', () => {
    const names = files.flatMap(({ document }) =>
      document.definitions.map((d) => ('name' in d ? d.name?.value : undefined)),
    );
    expect(names.every(Boolean)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('every mutation field selects userErrors { code message path }', () => {
    for (const { definition } of operations) {
      if (definition.operation !== 'mutation') continue;
      for (const root of definition.selectionSet.selections as FieldNode[]) {
        const userErrors = root.selectionSet?.selections.find(
          (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === 'userErrors',
        );
        const selected = userErrors?.selectionSet?.selections
          .filter((s): s is FieldNode => s.kind === Kind.FIELD)
          .map((s) => s.name.value);
        expect(selected, `${definition.name?.value}.${root.name.value}`).toEqual(
          expect.arrayContaining(['code', 'message', 'path']),
        );
      }
    }
  });

  it('src/graphql/generated.ts is what `pnpm --filter @repo/tui codegen` makes now', async () => {
    const [output] = await generate({ ...codegenConfig, silent: true }, false);
    expect(output?.filename).toBe(generatedPath);
    expect(
      output?.content === readFileSync(generatedPath, 'utf8'),
      'run `pnpm --filter @repo/tui codegen`',
    ).toBe(true);
  }, 60_000);
});
