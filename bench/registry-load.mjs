// One load run for bench/registry-lookup.sh: autocannon against BASE, each connection cycling through the lookup of
// ROUTE for every bucket (service-01 .. service-NN, channel `production`), at RATE requests per second overall (0:
// as fast as it answers). Prints one JSON line: requests per second (2xx), p50 and p99 latency in ms, non-2xx and
// errors. Latencies are taken from each response's own time (autocannon's histogram keeps whole milliseconds,
// too coarse for a 5 ms target); at a fixed rate autocannon's p99, corrected for coordinated omission, is printed too.
// usage: node bench/registry-load.mjs BASE TOKEN channel|terraform RATE SECONDS [CONNECTIONS] [BUCKETS]

import autocannon from 'autocannon';

const [base, token, route, rate, seconds, connections = '10', buckets = '50'] = process.argv.slice(2);
const API = '/packer/2023-01-01/organizations/default/projects/default';
const pathOf = (bucket) => (route === 'terraform' ? `/terraform/v1/buckets/${bucket}/channels/production` : `${API}/buckets/${bucket}/channels/production`);
const requests = Array.from({ length: Number(buckets) }, (_, i) => ({ method: 'GET', path: pathOf(`service-${String(i + 1).padStart(2, '0')}`) }));

const times = [];
const instance = autocannon({
  url: base,
  connections: Number(connections),
  duration: Number(seconds),
  headers: { authorization: `Bearer ${token}` },
  requests,
  ...(Number(rate) > 0 ? { overallRate: Number(rate) } : {}),
});
instance.on('response', (_client, status, _bytes, ms) => {
  if (status >= 200 && status < 300) times.push(ms);
});
const result = await new Promise((done, fail) => instance.once('done', done).once('error', fail));
times.sort((a, b) => a - b);
const at = (q) => (times.length === 0 ? NaN : times[Math.min(times.length - 1, Math.floor(q * times.length))]);
const round = (n) => Math.round(n * 100) / 100;
console.log(
  JSON.stringify({
    rps: Math.round(result['2xx'] / result.duration),
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    p99_autocannon: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }),
);
