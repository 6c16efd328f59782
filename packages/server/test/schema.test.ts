import { readFileSync } from 'node:fs';
import {
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { expect, it } from 'vitest';
import { printedSchema, schemaFile } from '../scripts/print-schema.ts';
import { schema } from '../src/schema/index.ts';

it('schema.graphql is the schema the code builds (run `pnpm --filter @repo/server schema:print`)', () => {
  expect(readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
});

const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

it('every type, field, argument, input field and enum value has a description', () => {
  const missing: string[] = [];
  const check = (what: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(what);
  };
  const types = Object.values(schema.getTypeMap()).filter(
    (t: GraphQLNamedType) => !t.name.startsWith('__') && !BUILT_IN.has(t.name),
  );
  for (const type of types) {
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    } else if (!isScalarType(type)) {
      // unions: none yet
    }
  }
  expect(missing).toEqual([]);
});

it('every object a client can refetch is a Node; lists are connections with a page limit', () => {
  const node = schema.getType('Node');
  expect(isInterfaceType(node)).toBe(true);
  const implementations = schema
    .getImplementations(node as never)
    .objects.map((o) => o.name)
    .sort();
  expect(implementations).toEqual([
    'AccessRequest',
    'App',
    'AuditEvent',
    'Certificate',
    'CertificateRotation',
    'Credential',
    'Organisation',
    'Plan',
    'Product',
    'Provider',
    'SyncRun',
    'User',
    'WebhookDelivery',
  ]);
  const query = schema.getQueryType()!.getFields();
  for (const name of [
    'accessRequests',
    'apps',
    'auditEvents',
    'certificates',
    'organisations',
    'plans',
    'products',
    'providers',
    'syncRuns',
    'users',
  ]) {
    expect(String(query[name]!.type)).toMatch(/Connection!$/);
  }
});
