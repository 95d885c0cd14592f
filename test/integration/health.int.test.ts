import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createApp } from '../../src/adapters/http/app.js';
import { createMetrics } from '../../src/adapters/http/metrics.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('health endpoints', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t.drop());

  const build = (isReady: () => Promise<boolean>) =>
    createApp({ logger: createLogger({ level: 'silent' }), metrics: createMetrics(), isReady });

  it('when the process is up, then /healthz answers 200', async () => {
    const res = await request(build(async () => false)).get('/healthz');
    expect(res.status).toBe(200);
  });

  it('when the database answers, then /readyz is 200; when it does not, 503', async () => {
    const ready = build(async () => (await sql`select 1`.execute(t.db), true));
    expect((await request(ready).get('/readyz')).status).toBe(200);
    const down = build(async () => {
      throw new Error('connection refused');
    });
    expect((await request(down).get('/readyz')).status).toBe(503);
  });

  it('when scraped, then /metrics is Prometheus text that counts requests', async () => {
    const app = build(async () => true);
    await request(app).get('/healthz');
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/careloop_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/);
  });

  it('when a route does not exist, then a JSON 404 with a code', async () => {
    const res = await request(build(async () => true)).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'no route for GET /nope' } });
  });
});
