// The open-loop load of graphql.bench.ts, in a worker thread so the client's work stays off the
// server's event loop. Requests leave on a fixed schedule (one every 1000/rate ms) whether or not
// the earlier ones have answered, and each latency runs from its scheduled time, not from when it
// was sent: a stalled server then shows in the figures instead of slowing the load (no coordinated
// omission). Posts the latencies (ms) and the failures back.
import { parentPort, workerData } from 'node:worker_threads';

const { url, body, token, rate, seconds } = workerData;
const interval = 1000 / rate;
const total = Math.round(rate * seconds);
const latencies = [];
let failures = 0;
const pending = [];
const start = performance.now() + 50;

for (let i = 0; i < total; i++) {
  const scheduled = start + i * interval;
  const wait = scheduled - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  pending.push(
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    })
      .then(async (response) => {
        const text = await response.text();
        if (!response.ok || text.includes('"errors"')) failures++;
        latencies.push(performance.now() - scheduled);
      })
      .catch(() => {
        failures++;
      }),
  );
}
await Promise.all(pending);
parentPort.postMessage({ latencies, failures });
