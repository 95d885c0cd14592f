// OpenAPI paths for the staff, care-team, patient-list, summary and export
// routes, generated from the same zod schemas the routes parse with.
import { z } from 'zod';
import { newCareTeamSchema, newStaffSchema, slackLinkSchema, staffViewSchema } from '../../app/staff/accounts.js';
import { exportQuerySchema } from '../../app/reports/export.js';
import { patientListQuerySchema, patientListSchema } from '../../app/reports/patient-list.js';
import { summarySchema } from '../../app/reports/summary.js';
import { assignMemberSchema, newTokenSchema } from './staff-api-routes.js';

const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });
const error = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), error]));
const ok = (status: number, description: string, s?: z.ZodType) => ({ [String(status)]: { description, ...(s ? { content: { 'application/json': { schema: schema(s) } } } : {}) } });
const body = (s: z.ZodType) => ({ required: true, content: { 'application/json': { schema: schema(s, 'input') } } });
const refParam = { name: 'ref', in: 'path', required: true, schema: { type: 'string' }, description: 'email or id' };

/** Query parameters from a zod object schema. */
function queryParams(s: z.ZodObject) {
  const json = schema(s, 'input') as { properties?: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: p, ...(p.description ? { description: p.description } : {}) }));
}
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

/** GET /api/patients, merged into the existing path item by openapi.ts. */
export const listPatientsOperation = {
  summary: 'Patients in your care teams, by label, with filters and cursor pagination',
  parameters: queryParams(patientListQuerySchema),
  responses: { ...ok(200, 'a page of patients; pass nextCursor as cursor for the next', patientListSchema), ...errors(400, 401) },
};

export const reportApiPaths = {
  '/api/patients/{id}/summary': {
    get: {
      summary: 'The pre-visit summary: JSON, or plain text with Accept: text/plain or ?format=text',
      parameters: [idParam, { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'text'] } }],
      responses: {
        '200': { description: 'the summary', content: { 'application/json': { schema: schema(summarySchema.extend({ patientId: z.string(), label: z.string() })) }, 'text/plain': { schema: { type: 'string' } } } },
        ...errors(401, 404),
      },
    },
  },
  '/api/exports/patient-weeks.csv': {
    get: {
      summary: 'CSV, one row per patient-week, streamed; nurses and admins; recorded in the audit log',
      parameters: queryParams(exportQuerySchema),
      responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors(400, 401, 403) },
    },
  },
};

const careTeamView = z.object({ id: z.string(), name: z.string(), slackChannel: z.string().nullable() });

export const staffApiPaths = {
  '/api/me': { get: { summary: 'The caller: member or the shared API token', responses: { ...ok(200, 'the caller'), ...errors(401) } } },
  '/api/staff': {
    get: { summary: 'Staff accounts (admin)', responses: { ...ok(200, 'staff', z.array(staffViewSchema)), ...errors(401, 403) } },
    post: {
      summary: 'Add a staff member (admin); the one-time password is returned once',
      requestBody: body(newStaffSchema),
      responses: { ...ok(201, 'added', z.object({ staff: staffViewSchema, oneTimePassword: z.string() })), ...errors(400, 401, 403, 409) },
    },
  },
  '/api/staff/{ref}/disable': {
    post: { summary: 'Disable a member, end their sessions, revoke their tokens (admin)', parameters: [refParam], responses: { ...ok(200, 'disabled', staffViewSchema), ...errors(401, 403, 404, 409) } },
  },
  '/api/staff/{ref}/slack': {
    put: {
      summary: 'Link (or with null unlink) a member\'s Slack user id (admin); Slack actions then follow their role and care teams',
      parameters: [refParam],
      requestBody: body(slackLinkSchema),
      responses: { ...ok(200, 'the member', staffViewSchema), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/staff/{ref}/tokens': {
    post: {
      summary: 'Issue an API token (your own, or anyone\'s as admin); shown once, stored hashed',
      parameters: [refParam],
      requestBody: { ...body(newTokenSchema), required: false },
      responses: { ...ok(201, 'the token', z.object({ token: z.string(), id: z.string() })), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/care-teams': {
    get: { summary: 'Care teams the caller belongs to (all for admins)', responses: { ...ok(200, 'care teams', z.array(careTeamView)), ...errors(401) } },
    post: { summary: 'Create a care team (admin)', requestBody: body(newCareTeamSchema), responses: { ...ok(201, 'created', careTeamView), ...errors(400, 401, 403, 409) } },
  },
  '/api/care-teams/{ref}/members': {
    post: {
      summary: 'Add a staff member to a care team (admin)',
      parameters: [{ ...refParam, description: 'care team name or id' }],
      requestBody: body(assignMemberSchema),
      responses: { ...ok(200, 'the member', staffViewSchema), ...errors(400, 401, 403, 404) },
    },
  },
};
