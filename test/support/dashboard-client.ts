// Signs in to the dashboard over HTTP like a browser would: a visitor cookie
// and CSRF token from the sign-in form, then the form post.
import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/adapters/db/connect.js';
import { findStaffByEmail, insertStaff, addMembership } from '../../src/adapters/db/repositories/staff.js';
import { hashPassword } from '../../src/app/staff/secrets.js';

export const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
export const cookieOf = (res: request.Response) => {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  const c = raw?.find((s) => s.startsWith('careloop_session='));
  return c ? c.split(';')[0]! : '';
};

/** A member with a known password who has already chosen it. */
export async function seedStaff(db: Db, s: { email: string; role: 'viewer' | 'nurse' | 'admin'; teams: string[]; password?: string }): Promise<string> {
  const now = new Date('2026-01-01T00:00:00Z');
  await insertStaff(db, { email: s.email, name: s.email.split('@')[0]!, role: s.role, password_hash: await hashPassword(s.password ?? 'correct horse battery'), must_change_password: false, oidc_subject: null, slack_user_id: null, disabled_at: null, created_at: now, updated_at: now });
  const row = (await findStaffByEmail(db, s.email))!;
  for (const t of s.teams) await addMembership(db, row.id, t, now);
  return row.id;
}

export interface DashboardSession {
  cookie: string;
  csrf: string;
  get(path: string): request.Test;
  post(path: string, form: Record<string, string>): request.Test;
}

export async function signIn(app: Express, email: string, password = 'correct horse battery'): Promise<DashboardSession> {
  const form = await request(app).get('/dashboard/login');
  const visitor = cookieOf(form);
  const res = await request(app).post('/dashboard/login').set('Cookie', visitor).type('form').send({ _csrf: csrfOf(form.text), email, password, next: '/dashboard' });
  if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}`);
  const cookie = cookieOf(res);
  const panel = await request(app).get('/dashboard').set('Cookie', cookie);
  return {
    cookie,
    csrf: csrfOf(panel.text),
    get: (path) => request(app).get(path).set('Cookie', cookie),
    post: (path, body) => request(app).post(path).set('Cookie', cookie).type('form').send({ _csrf: csrfOf(panel.text), ...body }),
  };
}
