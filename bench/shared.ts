// Constants and message shapes shared by the bench's processes.
export const AUTH_TOKEN = 'bench-twilio-auth-token';
export const ACCOUNT_SID = `AC${'b'.repeat(32)}`;
export const FROM_NUMBER = '+15555550100';
export const PUBLIC_URL = 'https://careloop.bench';
export const API_TOKEN = 'bench-api-token-0123456789';

/** Patient groups: the fan-out sizes, then the sender's patients. */
export const GROUP = { fanout10k: 1, fanout30k: 2, fanout100k: 3, sender: 4 } as const;

export interface ServerStats {
  roundTrips: number;
  transactions: number;
  /** process.cpuUsage() user+system, microseconds. */
  cpuMicros: number;
  /** Peak resident set size of this node process, bytes. */
  maxRssBytes: number;
  rssBytes: number;
}

export type Request = { id: number; cmd: string; [k: string]: unknown };
export type Reply = { id: number; ok: boolean; result?: unknown; error?: string };

/** Wraps a child process's IPC channel as request/response calls. */
export function ipcClient(child: { send(msg: unknown): boolean; on(ev: 'message', fn: (m: unknown) => void): unknown }) {
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (m) => {
    const reply = m as Reply;
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (reply.ok) w.resolve(reply.result);
    else w.reject(new Error(reply.error));
  });
  return <T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, ...args });
    });
}

/** Serves IPC requests in a child process. */
export function serveIpc(handlers: Record<string, (req: Request) => Promise<unknown>>): void {
  process.on('message', (m) => {
    const req = m as Request;
    const handler = handlers[req.cmd];
    const done = (reply: Omit<Reply, 'id'>) => process.send?.({ id: req.id, ...reply });
    if (!handler) return done({ ok: false, error: `unknown command ${req.cmd}` });
    handler(req).then(
      (result) => done({ ok: true, result }),
      (err: unknown) => done({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}
