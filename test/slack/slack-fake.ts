// Intercepts the Slack Web API (https://slack.com/api/*) with nock and records
// every call with its arguments (form fields, JSON ones parsed).
import nock from 'nock';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** The request body exactly as sent, for privacy assertions. */
  raw: string;
}

type Reply = [number, Record<string, unknown>, Record<string, string>?];

export interface SlackFake {
  calls: SlackCall[];
  /** Calls of one method, in order. */
  of(method: string): SlackCall[];
  /** The next `times` calls of `method` answer with this failure. */
  failNext(method: string, reply: Reply, times?: number): void;
  /** Display names users.info answers with. */
  users: Record<string, string>;
  clear(): void;
  done(): void;
}

export const BOT_USER = 'UBOT0001';

function parseForm(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? {});
  if (text.startsWith('{')) return JSON.parse(text) as Record<string, unknown>;
  for (const [key, value] of new URLSearchParams(text)) {
    out[key] = /^[[{]/.test(value) ? (JSON.parse(value) as unknown) : value;
  }
  return out;
}

export function fakeSlack(): SlackFake {
  const calls: SlackCall[] = [];
  const failures = new Map<string, Reply[]>();
  const users: Record<string, string> = {};
  let ts = 0;
  const answer = (method: string, args: Record<string, unknown>): Reply => {
    switch (method) {
      case 'auth.test':
        return [200, { ok: true, user_id: BOT_USER, bot_id: 'BBOT0001', team_id: 'T0001', user: 'careloop' }];
      case 'chat.postMessage':
        ts += 1;
        return [200, { ok: true, channel: args.channel, ts: `1700000000.${String(ts).padStart(6, '0')}` }];
      case 'chat.update':
        return [200, { ok: true, channel: args.channel, ts: args.ts }];
      case 'chat.postEphemeral':
        return [200, { ok: true, message_ts: '1700000001.000001' }];
      case 'views.open':
        return [200, { ok: true, view: { id: 'V0001' } }];
      case 'users.info': {
        const id = String(args.user);
        return [200, { ok: true, user: { id, name: id.toLowerCase(), real_name: users[id] ?? id, profile: { display_name: users[id] ?? '', real_name: users[id] ?? id } } }];
      }
      default:
        return [200, { ok: false, error: 'unknown_method' }];
    }
  };
  const scope = nock('https://slack.com')
    .persist()
    .post(/^\/api\//)
    .reply((uri, body) => {
      const method = uri.replace(/^\/api\//, '').replace(/\?.*$/, '');
      const args = parseForm(body);
      calls.push({ method, args, raw: typeof body === 'string' ? body : JSON.stringify(body) });
      const failure = failures.get(method)?.shift();
      return failure ?? answer(method, args);
    });
  return {
    calls,
    of: (method) => calls.filter((c) => c.method === method),
    failNext: (method, reply, times = 1) => {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(reply);
      failures.set(method, queue);
    },
    users,
    clear: () => {
      calls.length = 0;
    },
    done: () => {
      scope.persist(false);
      nock.cleanAll();
    },
  };
}
