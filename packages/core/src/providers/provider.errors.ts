import { DomainError } from '../errors.ts';

/** The codes of this module's errors, each with what it means (the GraphQL enum's descriptions). */
export const PROVIDER_ERROR_CODES = {
  PROVIDER_NAME_TAKEN: 'Another provider has this name.',
  PROVIDER_IN_USE: 'Removing the provider would orphan records that mirror its Dashboard.',
} as const;

export class ProviderNameTakenError extends DomainError {
  readonly code = 'PROVIDER_NAME_TAKEN' as const;

  constructor(name: string) {
    super(`A provider named "${name}" already exists.`, { path: ['name'], context: { name } });
  }
}

/** Removing the provider would orphan records that mirror its Dashboard. */
export class ProviderInUseError extends DomainError {
  readonly code = 'PROVIDER_IN_USE' as const;

  constructor(counts: { certificates: number; products: number }) {
    super(
      `The provider still has ${counts.certificates} certificates and ${counts.products} products; remove them first.`,
      { context: counts },
    );
  }
}
