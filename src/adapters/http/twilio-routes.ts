// Twilio webhooks. Signatures are verified whenever an auth token is
// configured (tests sign their requests); a bad or missing one gets 403 and
// changes nothing, and so does a request whose URL cannot be rebuilt. After
// the check every field is cleaned (input-hygiene.ts) and range-checked.
// Routes only verify, parse, call one use-case and answer.
import express, { Router, type Request, type RequestHandler } from 'express';
import twilio from 'twilio';
import type { DeliveryStatus } from '../../app/delivery-status.js';
import type { InboundSms } from '../../app/inbound-sms.js';
import { invalidInput } from '../../app/errors.js';
import { analysedPart } from '../../app/long-texts.js';
import { cleanText, noCounts, report, type CleanReporter } from './input-hygiene.js';

export interface TwilioRouteDeps {
  authToken: string | undefined;
  /** External base URL Twilio signs against; without it, the request's own URL. */
  publicUrl: string | undefined;
  receive(sms: InboundSms): Promise<void>;
  status(update: DeliveryStatus): Promise<void>;
  /** Told how many characters were removed or replaced, per webhook. */
  cleaned?: CleanReporter;
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
/** Twilio sends at most 10 media items with one message. */
const MAX_MEDIA = 10;
const SID = /^[A-Za-z]{2}[0-9A-Za-z]{1,62}$/;
const ERROR_CODE = /^\d{1,6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The URL Twilio signed, or null when the request line cannot give one (403, never a 500). */
function signedUrl(deps: TwilioRouteDeps, req: Request): string | null {
  try {
    // originalUrl is absolute in an absolute-form request line (`POST http://host/path`): keep only path and query.
    const own = new URL(req.originalUrl, 'http://careloop.invalid');
    const base = deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    return new URL(`${base}${own.pathname}${own.search}`).toString();
  } catch {
    return null;
  }
}

function verifySignature(deps: TwilioRouteDeps): RequestHandler {
  return (req, res, next) => {
    if (!deps.authToken) return next();
    const signature = req.header('X-Twilio-Signature');
    const url = signedUrl(deps, req);
    const params = (req.body ?? {}) as Record<string, string>;
    let valid = false;
    try {
      valid = Boolean(signature && url && twilio.validateRequest(deps.authToken, signature, url, params));
    } catch {
      valid = false;
    }
    if (!valid) {
      res.status(403).json({ error: { code: 'forbidden', message: 'invalid Twilio signature' } });
      return;
    }
    next();
  };
}

/** Cleans every string field once, after the signature was checked over the raw values. */
function cleanFields(deps: TwilioRouteDeps, source: string): RequestHandler {
  return (req, _res, next) => {
    const counts = noCounts();
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value === 'string') clean[cleanText(key, counts)] = cleanText(value, counts);
    }
    report(deps.cleaned, source, counts);
    req.body = clean;
    next();
  };
}

const field = (req: Request, name: string): string | undefined => {
  const value = (req.body as Record<string, string> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

function numMedia(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const n = /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(n >= 0 && n <= MAX_MEDIA)) throw invalidInput('NumMedia is out of range', { NumMedia: `must be a whole number from 0 to ${MAX_MEDIA}` });
  return n;
}

export function twilioRoutes(deps: TwilioRouteDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 });

  router.post('/twilio/sms', form, verifySignature(deps), cleanFields(deps, 'twilio.sms'), async (req, res) => {
    const from = field(req, 'From');
    const sid = field(req, 'MessageSid') ?? field(req, 'SmsSid');
    if (!from || !sid) throw invalidInput('From and MessageSid are required', { ...(from ? {} : { From: 'required' }), ...(sid ? {} : { MessageSid: 'required' }) });
    if (!SID.test(sid)) throw invalidInput('MessageSid is malformed', { MessageSid: 'must look like SM followed by letters and digits' });
    if (from.length > 64) throw invalidInput('From is too long', { From: 'must be at most 64 characters' });
    const body = field(req, 'Body') ?? '';
    await deps.receive({
      from,
      to: (field(req, 'To') ?? '').slice(0, 64),
      ...analysedPart(body),
      sid,
      numMedia: numMedia(field(req, 'NumMedia')),
      optOutType: field(req, 'OptOutType')?.slice(0, 16) ?? null,
    });
    res.type('text/xml').send(EMPTY_TWIML);
  });

  router.post('/twilio/status', form, verifySignature(deps), cleanFields(deps, 'twilio.status'), async (req, res) => {
    const sid = field(req, 'MessageSid') ?? field(req, 'SmsSid');
    const status = field(req, 'MessageStatus') ?? field(req, 'SmsStatus');
    if (!sid || !status) throw invalidInput('MessageSid and MessageStatus are required');
    if (!SID.test(sid) || status.length > 32) throw invalidInput('MessageSid or MessageStatus is malformed');
    const code = field(req, 'ErrorCode');
    const m = req.query.m;
    const a = req.query.a;
    await deps.status({
      messageId: typeof m === 'string' && UUID.test(m) ? m : null,
      attemptId: typeof a === 'string' && UUID.test(a) ? a : null,
      sid,
      status,
      errorCode: code && ERROR_CODE.test(code) ? code : null,
    });
    res.status(204).end();
  });

  return router;
}
