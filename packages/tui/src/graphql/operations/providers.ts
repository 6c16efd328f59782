import { operation } from '../document.ts';
import { type PageInfo, USER_ERRORS, type UserError } from './types.ts';

export interface ProviderRow {
  readonly id: string;
  readonly name: string;
  readonly dashboardUrl: string;
  readonly gatewayUrl: string | null;
  readonly orgId: string;
  readonly requestTimeoutMs: number;
  readonly updatedAt: string;
}

export const ProvidersQuery = operation<{ providers: { pageInfo: PageInfo; nodes: ProviderRow[] } }>(
  'Providers',
  `query Providers {
    providers(first: 100) {
      pageInfo { endCursor hasNextPage }
      nodes { id name dashboardUrl gatewayUrl orgId requestTimeoutMs updatedAt }
    }
  }`,
);

export const ProviderTestConnectionMutation = operation<
  {
    providerTestConnection: {
      connectionCheck: { latencyMs: number; certificatePages: number } | null;
      userErrors: UserError[];
    };
  },
  { provider: string }
>(
  'ProviderTestConnection',
  `mutation ProviderTestConnection($provider: ID!) {
    providerTestConnection(input: { provider: $provider }) {
      connectionCheck { latencyMs certificatePages }
      ${USER_ERRORS}
    }
  }`,
);
