// A fake Twilio Messages API on a real loopback port, for fault tests: it
// fails (4xx/5xx, optionally after taking the text), stalls (takes the text
// and answers only when released, i.e. after the client gave up), and cuts
// the connection after taking the text. It answers the list request careloop
// uses to check whether a try went out. `accepted` is what Twilio would send.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; code: number; accepted?: boolean }
  | { kind: 'stall' }
  /** unlisted: the list request does not show it (Twilio's list lagging behind). */
  | { kind: 'cut'; unlisted?: boolean };

export interface AcceptedText {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
  dateCreated: Date;
  unlisted?: boolean;
}

export interface LoopbackTwilio {
  url: string;
  accepted: AcceptedText[];
  /** POSTs received (tries), including refused ones. */
  posts: number;
  failNext(...faults: Fault[]): void;
  /** Called after a text is taken and before any answer (a crash test kills the client here). */
  onAccept(hook: ((text: AcceptedText, n: number) => void) | null): void;
  /** Texts per recipient and body, for duplicate checks. */
  copies(to: string, body: string): number;
  close(): Promise<void>;
}

export async function startLoopbackTwilio(options: { now?: () => Date } = {}): Promise<LoopbackTwilio> {
  const now = options.now ?? (() => new Date(8.64e15));
  const accepted: AcceptedText[] = [];
  const faults: Fault[] = [];
  let hook: ((text: AcceptedText, n: number) => void) | null = null;
  let posts = 0;
  let sids = 0;
  const held = new Set<http.ServerResponse>();

  const take = (form: URLSearchParams): AcceptedText => {
    sids += 1;
    const text = { sid: `SM${sids.toString(16).padStart(32, 'e')}`, to: form.get('To') ?? '', from: form.get('From') ?? '', body: form.get('Body') ?? '', statusCallback: form.get('StatusCallback'), dateCreated: now() };
    accepted.push(text);
    hook?.(text, accepted.length);
    return text;
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!/^\/2010-04-01\/Accounts\/AC[0-9a-f]+\/Messages\.json$/.test(url.pathname)) return json(res, 404, { code: 20404, message: 'not found', status: 404 });
      if (req.method === 'GET') {
        const to = url.searchParams.get('To');
        const from = url.searchParams.get('From');
        const list = accepted.filter((m) => !m.unlisted && (!to || m.to === to) && (!from || m.from === from)).reverse();
        const messages = list.map((m) => ({ sid: m.sid, to: m.to, from: m.from, body: m.body, status: 'queued', direction: 'outbound-api', date_created: m.dateCreated.toUTCString(), messaging_service_sid: null }));
        return json(res, 200, { messages, next_page_uri: null, page: 0, page_size: 50, uri: url.pathname });
      }
      posts += 1;
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const fault = faults.shift();
      if (fault?.kind === 'status') {
        if (fault.accepted) take(form);
        return json(res, fault.status, { code: fault.code, message: `fake failure ${fault.code}`, status: fault.status });
      }
      const text = take(form);
      if (fault?.kind === 'cut') {
        text.unlisted = fault.unlisted;
        return req.socket.destroy();
      }
      if (fault?.kind === 'stall') {
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      }
      if (res.destroyed) return;
      return json(res, 201, { sid: text.sid, status: 'queued', to: text.to, body: text.body });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accepted,
    get posts() {
      return posts;
    },
    failNext: (...more) => {
      faults.push(...more);
    },
    onAccept: (h) => {
      hook = h;
    },
    copies: (to, body) => accepted.filter((m) => m.to === to && m.body === body).length,
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
