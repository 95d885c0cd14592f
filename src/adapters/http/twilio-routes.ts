// Twilio webhooks. Signatures are verified whenever an auth token is
// configured (tests sign their requests); a bad or missing one gets 403 and
// changes nothing. Routes only verify, parse, call one use-case and answer.
import express, { Router, type Request, type RequestHandler } from 'express';
import twilio from 'twilio';
import type { DeliveryStatus } from '../../app/delivery-status.js';
import type { InboundSms } from '../../app/inbound-sms.js';
import { invalidInput } from '../../app/errors.js';

export interface TwilioRouteDeps {
  authToken: string | undefined;
  /** External base URL Twilio signs against; without it, the request's own URL. */
  publicUrl: string | undefined;
  receive(sms: InboundSms): Promise<void>;
  status(update: DeliveryStatus): Promise<void>;
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

function verifySignature(deps: TwilioRouteDeps): RequestHandler {
  return (req, res, next) => {
    if (!deps.authToken) return next();
    const signature = req.header('X-Twilio-Signature');
    const base = deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const params = (req.body ?? {}) as Record<string, string>;
    if (!signature || !twilio.validateRequest(deps.authToken, signature, `${base}${req.originalUrl}`, params)) {
      res.status(403).json({ error: { code: 'forbidden', message: 'invalid Twilio signature' } });
      return;
    }
    next();
  };
}

const field = (req: Request, name: string): string | undefined => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};

export function twilioRoutes(deps: TwilioRouteDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });

  router.post('/twilio/sms', form, verifySignature(deps), async (req, res) => {
    const from = field(req, 'From');
    const sid = field(req, 'MessageSid') ?? field(req, 'SmsSid');
    if (!from || !sid) throw invalidInput('From and MessageSid are required', { ...(from ? {} : { From: 'required' }), ...(sid ? {} : { MessageSid: 'required' }) });
    const numMedia = Number.parseInt(field(req, 'NumMedia') ?? '0', 10);
    await deps.receive({
      from,
      to: field(req, 'To') ?? '',
      body: field(req, 'Body') ?? '',
      sid,
      numMedia: Number.isFinite(numMedia) ? numMedia : 0,
      optOutType: field(req, 'OptOutType') ?? null,
    });
    res.type('text/xml').send(EMPTY_TWIML);
  });

  router.post('/twilio/status', form, verifySignature(deps), async (req, res) => {
    const sid = field(req, 'MessageSid') ?? field(req, 'SmsSid');
    const status = field(req, 'MessageStatus') ?? field(req, 'SmsStatus');
    if (!sid || !status) throw invalidInput('MessageSid and MessageStatus are required');
    const m = req.query.m;
    await deps.status({ messageId: typeof m === 'string' ? m : null, sid, status, errorCode: field(req, 'ErrorCode') ?? null });
    res.status(204).end();
  });

  return router;
}
