// Side-effect imports only: each domain file defines its types with their queries and mutations.
import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.ts';
import './root.ts';
import './scalars.ts';
import './user-errors.ts';
import './providers.ts';
import './organisations.ts';
import './users.ts';
import './viewer.ts';
import './certificates.ts';
import './certificate-search.ts';
import './certificate-usage.ts';
import './certificate-inspect.ts';
import './certificate-mutations.ts';
import './sync.ts';
import './sync-mutations.ts';
import './sync-progress.ts';

export const schema = lexicographicSortSchema(builder.toSchema());
