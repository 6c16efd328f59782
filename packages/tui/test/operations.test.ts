// Every GraphQL document of the TUI against the server's printed schema: a schema change that
// breaks the TUI breaks this test. Mutations must select `userErrors { code message path }`.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, type FieldNode, Kind, type OperationDefinitionNode, parse, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { registeredOperations } from '../src/graphql/document.ts';

const schemaPath = fileURLToPath(new URL('../../server/schema.graphql', import.meta.url));
const operationsDir = new URL('../src/graphql/operations/', import.meta.url);
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));

beforeAll(async () => {
  for (const file of readdirSync(operationsDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    await import(new URL(file, operationsDir).href);
  }
});

describe('GraphQL operations', () => {
  it('are registered', () => {
    expect(registeredOperations().size).toBeGreaterThanOrEqual(15);
  });

  it('each validates against packages/server/schema.graphql', () => {
    const failures: string[] = [];
    for (const [name, source] of registeredOperations()) {
      const errors = validate(schema, parse(source));
      failures.push(...errors.map((e) => `${name}: ${e.message}`));
    }
    expect(failures).toEqual([]);
  });

  it('each is named after its registration', () => {
    for (const [name, source] of registeredOperations()) {
      const operation = parse(source).definitions[0] as OperationDefinitionNode;
      expect(operation.name?.value).toBe(name);
    }
  });

  it('every mutation field selects userErrors { code message path }', () => {
    for (const [name, source] of registeredOperations()) {
      const operation = parse(source).definitions[0] as OperationDefinitionNode;
      if (operation.operation !== 'mutation') continue;
      for (const root of operation.selectionSet.selections as FieldNode[]) {
        const userErrors = root.selectionSet?.selections.find(
          (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === 'userErrors',
        );
        const selected = userErrors?.selectionSet?.selections
          .filter((s): s is FieldNode => s.kind === Kind.FIELD)
          .map((s) => s.name.value);
        expect(selected, `${name}.${root.name.value}`).toEqual(
          expect.arrayContaining(['code', 'message', 'path']),
        );
      }
    }
  });
});
