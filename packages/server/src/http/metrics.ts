import { CERTIFICATE_STATUSES, type Core, systemActor, WEBHOOK_DELIVERY_STATUSES } from '@repo/core';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly operationDuration: Histogram<'operation' | 'type' | 'outcome'>;
  /** Provisioning jobs this process ran (`outcome="run"`) and rounds that crashed (`outcome="failed"`). */
  readonly provisioningJobs: Counter<'outcome'>;
  /** Stops listening to core's events. */
  close(): void;
}

const MAX_OPERATION_NAMES = 200;
const CERTIFICATE_COUNT_TTL_MS = 30_000;

/**
 * Prometheus metrics: GraphQL operations by name (count and latency), sync runs by final status
 * (those this process ran or saw end), certificates and webhook deliveries by status (counted at
 * scrape, cached 30 s), and expiry transitions recorded by this process's scans.
 */
export function createMetrics(core: Core, options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const syncRuns = new Counter({
    name: 'portal_sync_runs_total',
    help: 'Sync runs that ended (or were held), by status.',
    labelNames: ['status'],
    registers: [registry],
  });
  const unsubscribe = core.sync.events.subscribe((event) => {
    if (event.phase === 'DONE') syncRuns.inc({ status: event.status });
  });
  const expiryTransitions = new Counter({
    name: 'portal_certificate_expiry_transitions_total',
    help: 'Certificates the expiry scans of this process recorded entering a status (EXPIRING_SOON, EXPIRED).',
    labelNames: ['status'],
    registers: [registry],
  });
  const unsubscribeExpiry = core.expiry.onTransitions((transitions) => {
    for (const t of transitions) expiryTransitions.inc({ status: t.status });
  });
  let counted: { at: number; counts: Promise<number[]> } | undefined;
  new Gauge({
    name: 'portal_certificates',
    help: 'Certificates in their stores (soft-deleted ones left out), by status.',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      if (!counted || Date.now() - counted.at > CERTIFICATE_COUNT_TTL_MS) {
        counted = { at: Date.now(), counts: countCertificates(core) };
      }
      const counts = await counted.counts.catch(() => undefined);
      CERTIFICATE_STATUSES.forEach((status, i) => {
        if (counts) this.set({ status }, counts[i]!);
      });
    },
  });
  let deliveries: { at: number; counts: Promise<Record<string, number> | undefined> } | undefined;
  new Gauge({
    name: 'portal_webhook_deliveries',
    help: 'Webhook events by delivery status (PENDING, DELIVERED, FAILED: alert on FAILED).',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      if (!deliveries || Date.now() - deliveries.at > CERTIFICATE_COUNT_TTL_MS) {
        const counts = core.webhooks.counts(systemActor('metrics')).then((r) => (r.ok ? r.value : undefined));
        deliveries = { at: Date.now(), counts };
      }
      const counts = await deliveries.counts.catch(() => undefined);
      for (const status of WEBHOOK_DELIVERY_STATUSES) if (counts) this.set({ status }, counts[status] ?? 0);
    },
  });
  const operationDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Execution time of GraphQL operations (and their count), by operation name, type and outcome.',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const provisioningJobs = new Counter({
    name: 'portal_provisioning_jobs_total',
    help: 'Provisioning jobs this process claimed and ran (run), and jobs of rounds that crashed (failed).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return {
    registry,
    operationDuration,
    provisioningJobs,
    close: () => {
      unsubscribe();
      unsubscribeExpiry();
    },
  };
}

async function countCertificates(core: Core): Promise<number[]> {
  const actor = systemActor('metrics');
  return Promise.all(
    CERTIFICATE_STATUSES.map(async (status) => {
      const page = await core.certificates.list({ status }, { first: 1, withTotalCount: true }, actor);
      return page.ok ? (page.value.totalCount ?? 0) : 0;
    }),
  );
}

/** Counts and times every executed operation, labelled by its name (bounded) and type; serves /metrics. */
export function useMetrics(metrics: Metrics, path = '/metrics'): Plugin {
  const names = new Set<string>();
  const label = (name: string | undefined) => {
    if (!name) return 'anonymous';
    if (!/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name)) return 'invalid';
    if (!names.has(name) && names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname !== path) return;
      const body = await metrics.registry.metrics();
      endResponse(new Response(body, { headers: { 'content-type': metrics.registry.contentType } }));
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const labels = { operation: label(operation?.name?.value), type: operation?.operation ?? 'unknown' };
      const end = metrics.operationDuration.startTimer(labels);
      return {
        onExecuteDone({ result }) {
          const failed = 'errors' in result && (result.errors?.length ?? 0) > 0;
          end({ outcome: failed ? 'error' : 'ok' });
        },
      };
    },
  };
}
