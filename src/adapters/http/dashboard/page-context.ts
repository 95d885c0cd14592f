// What every page needs from the request: who is signed in and the CSRF token.
import type { Response } from 'express';
import type { PageContext } from './layout.js';
import { dashboardPrincipal, sessionOf } from './session.js';

export const pageContext = (res: Response, section?: PageContext['section']): PageContext => ({
  principal: dashboardPrincipal(res),
  csrfToken: sessionOf(res)?.csrfToken ?? '',
  ...(section ? { section } : {}),
});
