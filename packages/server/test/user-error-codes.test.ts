import { ERROR_CODES } from '@repo/core';
import { type GraphQLInterfaceType, getNamedType, isEnumType, isNonNullType } from 'graphql';
import { expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';

it('UserError.code is the UserErrorCode enum, with a value for every code core can produce', () => {
  const code = (schema.getType('UserError') as GraphQLInterfaceType).getFields().code!;
  expect(isNonNullType(code.type)).toBe(true);
  const enumType = getNamedType(code.type);
  expect(enumType.name).toBe('UserErrorCode');
  if (!isEnumType(enumType)) throw new Error('UserError.code is not an enum');
  const values = enumType.getValues().map((v) => v.name);
  expect(Object.keys(ERROR_CODES).filter((c) => !values.includes(c))).toEqual([]);
  expect(values.filter((v) => !(v in ERROR_CODES))).toEqual([]);
});
