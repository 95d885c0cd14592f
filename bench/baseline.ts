// The baseline: a minimal express server doing the same durable work as
// careloop's inbound webhook, by hand: verify the Twilio signature; in one
// transaction look up the patient, take the advisory lock, insert the inbound
// row (ON CONFLICT on the MessageSid), update the session, insert the reply
// and its outbox row. 8 round trips, 1 transaction.
import express from 'express';
import type pg from 'pg';
import twilio from 'twilio';
import { AUTH_TOKEN, PUBLIC_URL } from './shared.js';

export function baselineApp(pool: pg.Pool): express.Express {
  const app = express();
  app.post('/twilio/sms', express.urlencoded({ extended: false, limit: '100kb' }), async (req, res) => {
    const params = (req.body ?? {}) as Record<string, string>;
    const signature = req.header('X-Twilio-Signature') ?? '';
    if (!twilio.validateRequest(AUTH_TOKEN, signature, `${PUBLIC_URL}${req.originalUrl}`, params)) {
      res.status(403).end();
      return;
    }
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const patient = await client.query<{ id: string; language: string }>('SELECT id, language FROM patients WHERE phone = $1', [params.From]);
      const p = patient.rows[0];
      if (!p) {
        await client.query('ROLLBACK');
        res.type('text/xml').send('<Response></Response>');
        return;
      }
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`patient:${p.id}`]);
      const inbound = await client.query(
        `INSERT INTO messages (patient_id, direction, body, author, provider_sid, status, num_media, created_at, updated_at)
         VALUES ($1, 'inbound', $2, 'patient', $3, 'received', 0, now(), now()) ON CONFLICT (provider_sid) DO NOTHING RETURNING id`,
        [p.id, params.Body ?? '', params.MessageSid],
      );
      if (inbound.rowCount === 1) {
        const session = await client.query<{ id: string }>(
          `UPDATE conversation_sessions SET variables = variables || jsonb_build_object('last', $2::text), updated_at = now()
           WHERE patient_id = $1 AND status = 'active' RETURNING id`,
          [p.id, params.Body ?? ''],
        );
        const reply = await client.query<{ id: string }>(
          `INSERT INTO messages (patient_id, direction, body, author, purpose, status, session_id, created_at, updated_at)
           VALUES ($1, 'outbound', $2, 'bot', 'reply', 'queued', $3, now(), now()) RETURNING id`,
          [p.id, 'Thanks! Got it.', session.rows[0]?.id ?? null],
        );
        await client.query(
          `INSERT INTO outbox (kind, patient_id, message_id, payload, run_at, created_at, updated_at)
           VALUES ('sms', $1, $2, '{"purpose":"reply","immediate":true}', now(), now(), now())`,
          [p.id, reply.rows[0]!.id],
        );
      }
      await client.query('COMMIT');
      res.type('text/xml').send('<Response></Response>');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      res.status(500).send(String(err));
    } finally {
      client.release();
    }
  });
  return app;
}
