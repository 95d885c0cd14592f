// The page shell: one stylesheet served by careloop, a skip link, landmarks,
// navigation, who is signed in and a sign-out form carrying the CSRF token.
import type { Principal } from '../../../app/staff/principal.js';
import { html, type SafeHtml } from './html.js';

export interface PageContext {
  principal: Principal | null;
  csrfToken: string;
  /** Which nav entry is current. */
  section?: 'panel' | 'escalations' | 'inbox' | 'export';
}

export function page(ctx: PageContext, title: string, body: SafeHtml): string {
  const nav = ctx.principal ? navigation(ctx) : html``;
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · careloop</title>
<link rel="stylesheet" href="/dashboard/assets/app.css">
<link rel="icon" href="/dashboard/assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<strong>careloop</strong>
${nav}
</header>
<main id="main">
${body}
</main>
</body>
</html>`}`;
}

function navigation(ctx: PageContext): SafeHtml {
  const p = ctx.principal!;
  const item = (section: PageContext['section'], href: string, label: string) =>
    html`<li><a href="${href}"${ctx.section === section ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<nav aria-label="Main"><ul>
${item('panel', '/dashboard', 'Panel')}
${item('escalations', '/dashboard/escalations', 'Escalations')}
${item('inbox', '/dashboard/inbox', 'Inbox')}
${item('export', '/dashboard/export', 'Export')}
</ul></nav>
<div class="who"><span>${p.name} (${p.role})</span>
<form method="post" action="/dashboard/logout"><input type="hidden" name="_csrf" value="${ctx.csrfToken}"><button class="link" type="submit">Sign out</button></form></div>`;
}

export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;
