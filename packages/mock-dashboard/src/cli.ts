import { readFile } from 'node:fs/promises';
import { ZodError } from 'zod';
import { parseCliArgs, USAGE } from './cli-args.ts';
import type { MockSeed } from './control/seed-schema.ts';
import { readEnv } from './env.ts';
import { startMockDashboard } from './start.ts';
import { SeedError } from './state/apply-seed.ts';

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2), readEnv());
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const seed: unknown = args.seed ? JSON.parse(await readFile(args.seed, 'utf8')) : undefined;
  const mock = await startMockDashboard({
    port: args.port,
    gatewayPort: args.gatewayPort,
    gatewayHttpPort: args.gatewayHttpPort,
    host: args.host,
    adminKey: args.adminKey,
    pageSize: args.pageSize,
    stateFile: args.stateFile,
    // Validated by startMockDashboard with the same zod schema as POST /_mock/seed.
    seed: seed as MockSeed | undefined,
  });
  console.log('mock-dashboard is running');
  console.log(`  Dashboard API  ${mock.dashboardUrl}`);
  console.log(`  Gateway HTTPS  ${mock.gatewayUrl}`);
  if (mock.gatewayHttpUrl) console.log(`  Gateway HTTP   ${mock.gatewayHttpUrl}`);
  console.log(`  Admin key      ${mock.adminKey}   (header X-Mock-Admin-Key, paths /_mock/*)`);
  if (args.seed) console.log(`  Seed           ${args.seed}`);
  if (args.stateFile) console.log(`  State file     ${args.stateFile}`);
  const stop = () => {
    mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ZodError) {
    console.error(
      `mock-dashboard: invalid input\n${error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  } else if (error instanceof SeedError) {
    console.error(`mock-dashboard: invalid seed at ${error.path.join('.')}: ${error.message}`);
  } else {
    console.error(`mock-dashboard: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  process.exit(1);
});
