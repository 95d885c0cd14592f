// The load process: signed Twilio webhooks at a fixed concurrency (closed
// loop) or a fixed arrival rate (open loop, latency from the intended send
// time), and a fake Twilio Messages API with a fixed latency that records
// when each send arrived. Loopback only.
import http from 'node:http';
import twilio from 'twilio';
import { AUTH_TOKEN, PUBLIC_URL, percentile, serveIpc } from './shared.js';

export interface Webhook {
  From: string;
  Body: string;
}

let sidCounter = 0;
const sid = () => `SM${process.pid.toString(16)}${(++sidCounter).toString(16).padStart(24, '0')}`.padEnd(34, '0').slice(0, 34);

function post(agent: http.Agent, port: number, hook: Webhook): Promise<number> {
  const params: Record<string, string> = { MessageSid: sid(), AccountSid: 'ACbench', From: hook.From, To: '+15555550100', Body: hook.Body, NumMedia: '0' };
  const body = new URLSearchParams(params).toString();
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params);
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/twilio/sms', method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-twilio-signature': signature } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(-1));
    req.end(body);
  });
}

function summary(latencies: number[], statuses: number[], ms: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const bad = statuses.filter((s) => s !== 200).length;
  return { requests: statuses.length, errors: bad, ms, perSecond: (statuses.length * 1000) / ms, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

// Fake Twilio: 201 after `latencyMs`, arrival times kept.
let arrivals: number[] = [];
let twilioServer: http.Server | null = null;

serveIpc({
  /** Closed loop: `concurrency` workers each send the next webhook when the last one was answered. */
  async closed(req) {
    const hooks = req.hooks as Webhook[];
    const port = Number(req.port);
    const concurrency = Number(req.concurrency);
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const latencies: number[] = [];
    const statuses: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < hooks.length) {
          const hook = hooks[next++]!;
          const s = performance.now();
          statuses.push(await post(agent, port, hook));
          latencies.push(performance.now() - s);
        }
      }),
    );
    const ms = performance.now() - t0;
    agent.destroy();
    return summary(latencies, statuses, ms);
  },
  /** Open loop: webhook i is due at t0 + i/rate; latency counts from then, so queueing shows. */
  async open(req) {
    const hooks = req.hooks as Webhook[];
    const port = Number(req.port);
    const rate = Number(req.rate);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
    const latencies: number[] = [];
    const statuses: number[] = [];
    const t0 = performance.now() + 50;
    const pending: Promise<void>[] = [];
    for (let i = 0; i < hooks.length; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      pending.push(
        post(agent, port, hooks[i]!).then((status) => {
          statuses.push(status);
          latencies.push(performance.now() - due);
        }),
      );
    }
    await Promise.all(pending);
    const ms = performance.now() - t0;
    agent.destroy();
    return { ...summary(latencies, statuses, ms), offered: rate };
  },
  async twilioStart(req) {
    const latencyMs = Number(req.latencyMs);
    let n = 0;
    twilioServer = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        arrivals.push(Date.now());
        n += 1;
        const body = JSON.stringify({ sid: `SM${n.toString(16).padStart(32, '0')}`, status: 'queued' });
        setTimeout(() => response.writeHead(201, { 'content-type': 'application/json' }).end(body), latencyMs);
      });
    });
    twilioServer.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => twilioServer!.listen(0, '127.0.0.1', () => resolve()));
    const address = twilioServer.address();
    return { base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
  },
  /** Sends seen since the last reset: achieved rate the busiest sliding 1-second window and the busiest wall-clock second. */
  async twilioStats() {
    const times = [...arrivals].sort((a, b) => a - b);
    arrivals = [];
    let busiest = 0;
    let j = 0;
    for (let i = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    const perSecond = new Map<number, number>();
    for (const t of times) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    const busiestCalendarSecond = Math.max(0, ...perSecond.values());
    const span = times.length > 1 ? times[times.length - 1]! - times[0]! : 0;
    return { sent: times.length, spanMs: span, achieved: span > 0 ? ((times.length - 1) * 1000) / span : NaN, busiestSecond: busiest, busiestCalendarSecond };
  },
  async close() {
    twilioServer?.close();
    twilioServer?.closeAllConnections();
    setTimeout(() => process.exit(0), 10);
    return {};
  },
});
process.send?.({ id: 0, ok: true, result: 'ready' });
