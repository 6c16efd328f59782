import { useGraphQlJit } from '@envelop/graphql-jit';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Core } from '@repo/core';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { type Context, createContext } from './context.ts';
import { useBodyLimit } from './http/body-limit.ts';
import { jitEligible } from './http/jit-eligible.ts';
import { createLogger, useRequestLog, yogaLogger } from './http/logging.ts';
import { createMetrics, type Metrics, useMetrics } from './http/metrics.ts';
import { SubscriptionSlots } from './http/subscription-slots.ts';
import { useVariableListLimit } from './http/variable-list-limit.ts';
import { schema } from './schema/index.ts';

export interface YogaServerOptions {
  /** Default: a silent logger (tests). */
  readonly logger?: Logger;
  /** Default: metrics of this server alone, without process metrics. */
  readonly metrics?: Metrics;
  /** Largest request body accepted (default 4 MiB: a bulk import; a single PEM is at most 256 KiB). */
  readonly maxBodyBytes?: number;
  /** Open subscriptions one token may hold (default 20). */
  readonly maxSubscriptionsPerToken?: number;
}

export type PortalYoga = YogaServerInstance<Record<string, never>, Context>;

/**
 * The HTTP handler of the portal: GraphQL (and GraphiQL) at /graphql, /health, /metrics. It never
 * listens; `index.ts` serves it, tests call `yoga.fetch`.
 */
export function createYogaServer(core: Core, options: YogaServerOptions = {}): PortalYoga {
  const logger = options.logger ?? createLogger('silent');
  const metrics = options.metrics ?? createMetrics(core);
  const subscriptions = new SubscriptionSlots(options.maxSubscriptionsPerToken);
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: { title: 'mTLS Portal', headers: JSON.stringify({ Authorization: 'Bearer <token>' }) },
    // Yoga's default page loads GraphiQL from unpkg, so offline it never renders. This renderer
    // inlines every script, style and worker (9 MB); imported on the first page view, so processes
    // that never serve GraphiQL don't parse it.
    renderGraphiQL: async (options) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    // Unexpected errors reach clients as "Unexpected error."; their detail goes to the log.
    maskedErrors: true,
    multipart: false,
    logging: yogaLogger(logger),
    context: ({ request }) => createContext(core, request, logger, subscriptions),
    plugins: [
      useRequestLog(logger),
      // 4 MiB: a bulk import of 1,000 RSA-2048 client certificates is about 1.3 MB of PEM.
      useBodyLimit(options.maxBodyBytes ?? 4 * 1024 * 1024),
      useMetrics(metrics),
      EnvelopArmorPlugin({
        maxDepth: { n: 10 },
        maxAliases: { n: 15 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 2000 },
        // A fragment spread costs what its selection costs inline: without flattenFragments armor
        // adds a nesting level per spread (x1.5), and the TUI's Providers page went over the limit
        // (5,693) once its fields moved into a fragment.
        costLimit: { maxCost: 5000, flattenFragments: true },
        blockFieldSuggestion: { enabled: true },
      }),
      useVariableListLimit(),
      // Queries run as compiled JavaScript (graphql-jit): a page of 50 certificates resolves a few
      // hundred fields, and the interpreting executor spent more on them than the page's SQL did.
      // Compiled once per document (Yoga caches parsed documents, so the cache is bounded too).
      // Mutations, subscriptions and queries with @oneOf variables keep the standard executor.
      useGraphQlJit(
        {},
        {
          enableIf: ({ document, operationName }) => jitEligible(schema, document, operationName),
        },
      ),
    ],
  });
}
