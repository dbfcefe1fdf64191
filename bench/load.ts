// The load generator, run in its own process so that it does not share the server's event loop:
// `tsx bench/load.ts '<json options>'` prints autocannon's figures as one JSON line. Each
// connection gets its own headers (a caller's session cookie), round robin over the list given.
import autocannon from 'autocannon';

interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  headers: Array<Record<string, string>>;
}

export interface LoadResult {
  rps: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMean: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
}

const opts = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
let next = 0;
const result = await autocannon({
  url: opts.url,
  connections: opts.connections,
  duration: opts.duration,
  setupClient: (client) => {
    const headers = opts.headers[next++ % opts.headers.length];
    if (headers) client.setHeaders(headers);
  },
});
const out: LoadResult = {
  rps: result.requests.total / result.duration,
  total: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  latencyMean: result.latency.average,
  p50: result.latency.p50,
  p97_5: result.latency.p97_5,
  p99: result.latency.p99,
  max: result.latency.max,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
