// `careloop chat --phone "(312) 555-0123"`: be an enrolled patient texting the running
// server. Each line is POSTed to /twilio/sms exactly as Twilio would (signed
// when TWILIO_AUTH_TOKEN is set); the server's replies are read back from its
// simulator outbox route.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import twilio from 'twilio';
import { configOrExit } from './config.js';
import { systemClock } from '../adapters/clock/system-clock.js';
import { parsePhone } from '../app/phone.js';

const POLL_MS = 1500;

export async function runPhoneChat(typed: string, url: string | undefined): Promise<number> {
  const config = configOrExit();
  const read = parsePhone(typed, config.phone);
  if (!read.ok) {
    process.stderr.write(`--phone ${read.error}\n`);
    return 2;
  }
  const phone = read.e164;
  const base = (url ?? config.http.publicUrl ?? `http://localhost:${config.http.port}`).replace(/\/+$/, '');
  const tokenFile = join(config.db.dataDir, 'api-token');
  const apiToken = config.api.token ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  if (!apiToken) {
    process.stderr.write('no API token: set API_TOKEN or start the server once so it writes .careloop/api-token\n');
    return 2;
  }
  let seen = systemClock.now().toISOString();
  const poll = async () => {
    const res = await fetch(`${base}/simulator/messages?phone=${encodeURIComponent(phone)}&after=${encodeURIComponent(seen)}`, { headers: { authorization: `Bearer ${apiToken}` } });
    if (!res.ok) throw new Error(`the server answered ${res.status} (is it running in simulator mode?)`);
    for (const m of (await res.json()) as { body: string; createdAt: string }[]) {
      process.stdout.write(`careloop> ${m.body}\n`);
      if (m.createdAt > seen) seen = m.createdAt;
    }
  };
  await poll();
  const timer = setInterval(() => poll().catch((err: unknown) => process.stderr.write(`${String(err)}\n`)), POLL_MS);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  process.stdout.write(`Texting ${base} as ${phone}. Type a message; /quit to leave.\n`);
  try {
    for await (const line of rl) {
      if (line.trim() === '/quit') break;
      const params = { From: phone, To: config.twilio.fromNumber ?? '+15555550100', Body: line, MessageSid: `SM${randomUUID().replace(/-/g, '')}`, NumMedia: '0' };
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (config.twilio.authToken) headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(config.twilio.authToken, `${base}/twilio/sms`, params);
      const res = await fetch(`${base}/twilio/sms`, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
      if (!res.ok) process.stderr.write(`the server answered ${res.status}\n`);
      await poll();
    }
  } finally {
    clearInterval(timer);
    rl.close();
  }
  return 0;
}
