import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Core, createCore, openDatabase } from '@repo/core';
import {
  describeDatabases,
  makeCertificate,
  provisioningWithoutJob,
  type TestCertificate,
} from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { seededRandom } from '@repo/mock-dashboard';
import { expect, it } from 'vitest';
import {
  ACCESS_SEED,
  type Consumer,
  consumerOrganisation,
  gold,
  LEDGER_API,
  must,
  PAYMENTS_API,
} from '../support/access-fixtures.ts';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';

// A concurrent property test of the provisioning state machine (issue 12): two cores (each its own
// worker, on PostgreSQL its own connection pool) take random decisions on random requests while the
// Dashboard fails a share of its calls. Throughout, a PROVISIONING request has a live job; once the
// faults are off, the jobs drained and drift fixed once, the Dashboard holds exactly the desired
// state: each API lists the certificates of the APPROVED requests, and exactly those requests hold
// a key, bound to their certificate when the product binds.
// Fixed seed and a bounded number of steps in CI; PROPERTY_SEED and PROPERTY_STEPS run it longer.
const WORKER = fileURLToPath(new URL('./fixtures/provisioning-process.ts', import.meta.url));
const SEED = Number(process.env.PROPERTY_SEED ?? 20261202);
const STEPS = Number(process.env.PROPERTY_STEPS ?? 120);

const FAULTS = [
  { method: 'POST', path: '/api/certs', kind: 'status', status: 500 },
  { method: 'GET', path: '/api/apis/*', kind: 'status', status: 500 },
  { method: 'PUT', path: '/api/apis/*', kind: 'status', status: 503 },
  { method: 'PUT', path: '/api/apis/oas/*', kind: 'drop', when: 'after' },
  { method: 'POST', path: '/api/keys/*', kind: 'drop', when: 'after' },
  { method: 'GET', path: '/api/keys/*', kind: 'status', status: 500 },
  { method: 'DELETE', path: '/api/keys/*', kind: 'status', status: 503 },
];

describeDatabases('access convergence property', (ctx) => {
  const h = useCoreHarness(ctx, { seed: ACCESS_SEED });

  it(`random decisions on two cores (and, on PostgreSQL, a worker process) against a faulty Dashboard end in exactly the desired state (seed ${SEED}, ${STEPS} steps)`, async () => {
    const rng = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
    const second = ctx.url ? await openDatabase({ url: ctx.url, max: 4 }) : undefined;
    // On PostgreSQL a second server process runs the provisioning worker beside this one's two cores.
    const worker = ctx.url ? await startWorkerProcess(ctx.url, h.secretKey) : undefined;
    const other = createCore({
      db: second?.db ?? ctx.db,
      secrets: h.secrets,
      dashboard: { retries: 0, backoffMs: 1 },
    });
    const cores: Core[] = [h.core, other];
    try {
      const plan = await gold(h.core);
      const selfServe = must(
        await h.core.products.create(
          {
            providerId: h.provider.id,
            name: 'Self-Serve',
            apiIds: [PAYMENTS_API, LEDGER_API],
            certificateMode: 'SELF_SERVE',
            bindCertificateToToken: true,
          },
          ADMIN,
        ),
      );
      const managed = must(
        await h.core.products.create(
          { providerId: h.provider.id, name: 'Managed', apiIds: [PAYMENTS_API], certificateMode: 'MANAGED' },
          ADMIN,
        ),
      );
      const orgs: { consumer: Consumer; cert: TestCertificate }[] = [];
      // Organisations ask for one product each: an approved Self-Serve certificate becomes its
      // organisation's, which a Managed request of the same organisation would then take too.
      for (const name of ['Acme', 'Globex', 'Initech', 'Umbrella']) {
        const consumer = await consumerOrganisation(h.core, name);
        const cert = await makeCertificate({ name: `CN=${name} managed` });
        must(
          await h.core.certificates.upload(
            { providerId: h.provider.id, pem: cert.pem, organisationIds: [consumer.organisationId] },
            ADMIN,
          ),
        );
        orgs.push({ consumer, cert });
      }
      /** Each request and the certificate it provisions. */
      const requests: { id: string; cert: TestCertificate; binds: boolean }[] = [];
      /**
       * The new request's id, or undefined when the app already has a PENDING request for the
       * product: refused then, and only then (one PENDING request per app and product).
       */
      const submitted = async (
        core: typeof h.core,
        input: Parameters<typeof h.core.accessRequests.submit>[0],
        actor: Parameters<typeof h.core.accessRequests.submit>[1],
      ): Promise<string | undefined> => {
        const waiting = await ctx.db.query.accessRequests.findFirst({
          where: { appId: input.appId, productId: input.productId, status: 'PENDING' },
        });
        const result = await core.accessRequests.submit(input, actor);
        if (waiting) {
          expect(result).toMatchObject({ ok: false, error: { code: 'ACCESS_REQUEST_DUPLICATE_PENDING' } });
          return undefined;
        }
        return must(result).id;
      };
      await h.control('POST', '/_mock/faults', {
        seed: SEED,
        faults: FAULTS.map((f) => ({ ...f, probability: 0.25 })),
      });

      for (let step = 0; step < STEPS; step++) {
        const core = pick(cores);
        const op =
          requests.length < 2
            ? 'submit'
            : pick([
                'submit',
                'approve',
                'approve',
                'retry',
                'revoke',
                'reprovision',
                'reject',
                'run',
                'run',
                'run',
              ] as const);
        if (op === 'submit') {
          const index = Math.floor(rng() * orgs.length);
          const org = orgs[index]!;
          if (index % 2 === 0) {
            const cert = await makeCertificate({ name: `CN=self-serve ${step}` });
            const input = {
              appId: org.consumer.app.id,
              productId: selfServe.id,
              planId: plan.id,
              certificate: { pem: cert.pem },
            };
            const id = await submitted(core, input, org.consumer.actor);
            if (id) requests.push({ id, cert, binds: true });
          } else {
            const input = { appId: org.consumer.app.id, productId: managed.id, planId: plan.id };
            const id = await submitted(core, input, org.consumer.actor);
            if (id) requests.push({ id, cert: org.cert, binds: false });
          }
        } else if (op === 'run') {
          await core.provisioning.runDue();
        } else if (op === 'reject') {
          await core.accessRequests.reject(pick(requests).id, 'property', h.admin);
        } else {
          await core.accessRequests[op](pick(requests).id, h.admin);
        }
        expect(await provisioningWithoutJob(ctx.db), `after step ${step} (${op})`).toEqual([]);
      }

      // The other process took part: it ran jobs while the decisions were being taken.
      if (worker) expect(await worker.stop()).toBeGreaterThan(0);
      await h.control('DELETE', '/_mock/faults');
      const drain = async (core: Core) => {
        while ((await core.provisioning.runDue()) > 0);
      };
      // Jobs backing off after a fault wait their turn; drift fix queues them (and any leftovers) now.
      await Promise.all(cores.map(drain));
      must(await h.core.provisioning.fixDrift(h.provider.id, ADMIN));
      await Promise.all(cores.map(drain));
      expect(await provisioningWithoutJob(ctx.db)).toEqual([]);
      expect(await h.core.provisioning.drift(h.provider.id)).toEqual({ ok: true, value: [] });

      const statuses = await h.core.accessRequests.byIds(
        requests.map((r) => r.id),
        ADMIN,
      );
      expect(statuses.filter((r) => r.status === 'PROVISIONING')).toEqual([]);
      const approved = requests.filter((r) => statuses.find((s) => s.id === r.id)?.status === 'APPROVED');
      const tykId = (cert: TestCertificate) => ORG_ID + sha256Hex(cert.der);
      const wanted = (apiFilter: (r: (typeof requests)[number]) => boolean) =>
        [...new Set(approved.filter(apiFilter).map((r) => tykId(r.cert)))].sort();
      const payments = (await (await h.dashboard('GET', `/api/apis/${PAYMENTS_API}`)).json()).api_definition
        .client_certificates as string[];
      const ledger = (await (await h.dashboard('GET', `/api/apis/oas/${LEDGER_API}`)).json())[
        'x-tyk-api-gateway'
      ].server.clientCertificates.allowlist as string[];
      expect([...payments].sort()).toEqual(wanted(() => true));
      expect([...ledger].sort()).toEqual(wanted((r) => r.binds));
      const keys = (
        (await h.control('GET', '/_mock/state')) as {
          keys: {
            session: { meta_data?: Record<string, unknown>; mtls_static_certificate_bindings?: string[] };
          }[];
        }
      ).keys;
      expect(keys.map((k) => k.session.meta_data?.portal_access_request).sort()).toEqual(
        approved.map((r) => r.id).sort(),
      );
      for (const key of keys) {
        const request = approved.find((r) => r.id === key.session.meta_data?.portal_access_request)!;
        expect(key.session.mtls_static_certificate_bindings ?? []).toEqual(
          request.binds ? [tykId(request.cert)] : [],
        );
      }
      // The run exercised the machine: some requests got through, some decisions were refused or failed.
      expect(approved.length).toBeGreaterThan(0);
    } finally {
      await worker?.stop();
      await second?.close();
    }
  }, 90_000);
});

/** The provisioning worker in its own process (fixtures/provisioning-process.ts), until stopped. */
async function startWorkerProcess(databaseUrl: string, secretKey: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, DATABASE_URL: databaseUrl, MTLS_SECRET_KEY: secretKey },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => output.includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`the worker process exited (${code}): ${output}`)));
  });
  let stopped: Promise<number> | undefined;
  return {
    /** Ends it (its input closes) and answers how many jobs it ran. */
    stop(): Promise<number> {
      stopped ??= new Promise<number>((resolve) => {
        child.once('exit', () => resolve(Number(/ran (\d+)/.exec(output)?.[1] ?? 0)));
        child.stdin.end();
      });
      return stopped;
    },
  };
}
