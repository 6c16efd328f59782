import { Bench } from 'tinybench';

/** One benchmark figure, printed as a JSON line so runs can be compared by a script. */
export interface BenchLine {
  readonly bench: string;
  readonly case: string;
  readonly [field: string]: unknown;
}

export function print(line: BenchLine): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/**
 * Runs each case for `time` ms and prints operations per second. A case may do `batch` operations
 * per call so that sub-microsecond operations are not drowned in timer overhead.
 */
export async function measure(
  bench: string,
  cases: ReadonlyArray<{ name: string; batch?: number; fn: () => unknown }>,
  time = 1000,
): Promise<Map<string, number>> {
  const runner = new Bench({ time, warmup: true });
  for (const c of cases) runner.add(c.name, c.fn);
  await runner.run();
  const rates = new Map<string, number>();
  for (const task of runner.tasks) {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`${bench}/${task.name}: ${result.state}`);
    const batch = cases.find((c) => c.name === task.name)?.batch ?? 1;
    const opsPerSec = Math.round(result.throughput.mean * batch);
    rates.set(task.name, opsPerSec);
    print({
      bench,
      case: task.name,
      opsPerSec,
      meanUs: round((result.latency.mean * 1000) / batch),
      p99Us: round((result.latency.p99 * 1000) / batch),
      samples: result.latency.samplesCount,
    });
  }
  return rates;
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
