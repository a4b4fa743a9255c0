/**
 * The bench's load generator, run as its own process (forked by the harness over IPC) so that
 * autocannon's own CPU is not charged to the harness or the server measured. Each message is one
 * run: a list of request templates cycled over by every connection, optionally with a fresh
 * Idempotency-Key per request; the answer is a summary of autocannon's result.
 */
import autocannon from 'autocannon';

export type RequestTemplate = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

export type LoadJob = {
  id: number;
  base: string;
  requests: RequestTemplate[];
  connections: number;
  /** Seconds, unless `amount` (total requests) is given. */
  duration?: number;
  amount?: number;
  /** Adds `idempotency-key: <prefix>-<n>`, unique per request. */
  idempotencyPrefix?: string;
  /** Pick the template at random instead of in turn (a crowd rather than a loop). */
  random?: boolean;
  /** A steady arrival rate (requests per second over all connections) instead of as fast as possible. */
  rate?: number;
};

export type LoadSummary = {
  rps: number;
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
};

export function runLoad(job: LoadJob): Promise<LoadSummary> {
  let n = 0;
  const pick = () => {
    const index = job.random ? Math.floor(Math.random() * job.requests.length) : n % job.requests.length;
    return job.requests[index];
  };
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: job.base,
        connections: job.connections,
        ...(job.amount ? { amount: job.amount } : { duration: job.duration ?? 5 }),
        ...(job.rate ? { overallRate: job.rate } : {}),
        timeout: 10,
        requests: [
          {
            setupRequest: (request) => {
              const template = pick();
              n += 1;
              const headers: Record<string, string> = { ...template.headers };
              if (template.body !== undefined) headers['content-type'] = 'application/json';
              if (job.idempotencyPrefix) headers['idempotency-key'] = `${job.idempotencyPrefix}-${n}`;
              return { ...request, method: template.method, path: template.path, headers, body: template.body };
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (stat as { count: number }).count;
        const requests = result.requests.total;
        const seconds = result.duration;
        resolve({
          rps: seconds > 0 ? requests / seconds : 0,
          requests,
          seconds,
          p50: result.latency.p50,
          p99: result.latency.p99,
          max: result.latency.max,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          statusCodes,
        });
      },
    );
  });
}

if (require.main === module && process.send) {
  process.on('message', (job: LoadJob) => {
    runLoad(job).then(
      (summary) => process.send!({ id: job.id, summary }),
      (err: unknown) => process.send!({ id: job.id, error: String(err) }),
    );
  });
  process.send({ ready: true });
}
