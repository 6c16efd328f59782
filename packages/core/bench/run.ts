// `pnpm bench`: every benchmark of core, one JSON line per figure on stdout.
import { benchPem } from './pem.bench.ts';
import { benchX509 } from './x509.bench.ts';

const only = process.env.BENCH_ONLY;
const benches: Record<string, () => Promise<void>> = { x509: benchX509, pem: benchPem };

for (const [name, run] of Object.entries(benches)) {
  if (only && !only.split(',').includes(name)) continue;
  await run();
}
