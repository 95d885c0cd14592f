// The care-team API's OpenAPI document, served at /api/openapi.json.
// A test compares its paths with the routes the router really has.

const error = { $ref: '#/components/schemas/Error' };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const responses = (ok: Record<string, unknown>, ...codes: number[]) => ({
  ...ok,
  ...Object.fromEntries(codes.map((c) => [String(c), { description: 'error', content: { 'application/json': { schema: error } } }])),
});
const jsonOf = (schema: unknown) => ({ content: { 'application/json': { schema } } });

const plan = {
  type: 'object',
  required: ['action', 'daysPerWeek', 'confidence'],
  properties: {
    action: { type: 'string', maxLength: 160, example: 'walk 10 minutes after dinner' },
    daysPerWeek: { type: 'integer', minimum: 1, maximum: 7 },
    confidence: { type: 'integer', minimum: 0, maximum: 10 },
    startDate: { type: 'string', format: 'date', description: 'the day the plan began; default today in the patient timezone' },
  },
};
const checkinSlot = {
  type: 'object',
  required: ['weekday', 'time'],
  properties: {
    weekday: { type: 'string', enum: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] },
    time: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', example: '18:00' },
  },
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'careloop care-team API', version: '1.0.0', description: 'Enroll patients, follow their check-ins and escalations. JSON; Authorization: Bearer <API_TOKEN>.' },
  security: [{ bearer: [] }],
  paths: {
    '/api/patients': {
      post: {
        summary: 'Enroll a patient',
        requestBody: { required: true, ...jsonOf({ $ref: '#/components/schemas/NewPatient' }) },
        responses: responses({ '201': { description: 'enrolled', ...jsonOf({ $ref: '#/components/schemas/Patient' }) } }, 400, 401, 409),
      },
    },
    '/api/patients/{id}': {
      get: { summary: 'A patient, their current plan and status', parameters: [idParam], responses: responses({ '200': { description: 'the patient', ...jsonOf({ $ref: '#/components/schemas/Patient' }) } }, 401, 404) },
      patch: {
        summary: 'Pause, resume, or change the plan or schedule',
        parameters: [idParam],
        requestBody: { required: true, ...jsonOf({ $ref: '#/components/schemas/PatientChanges' }) },
        responses: responses({ '200': { description: 'the patient after the change', ...jsonOf({ $ref: '#/components/schemas/Patient' }) } }, 400, 401, 404, 409),
      },
    },
    '/api/patients/{id}/checkins': {
      post: { summary: 'Start the weekly check-in now (quiet hours still apply)', parameters: [idParam], responses: responses({ '202': { description: 'started' } }, 401, 404, 409) },
      get: {
        summary: 'Check-ins, newest first',
        parameters: [idParam],
        responses: responses({ '200': { description: 'check-ins', ...jsonOf({ type: 'array', items: { $ref: '#/components/schemas/Checkin' } }) } }, 401, 404),
      },
    },
    '/api/patients/{id}/messages': {
      get: {
        summary: 'Texts to and from the patient, newest first (write order), one page at a time; a Link header (rel="next") gives the next page',
        parameters: [
          idParam,
          { name: 'before', in: 'query', required: false, schema: { type: 'string', pattern: '^[1-9][0-9]*$' }, description: 'the cursor of the last text of the previous page' },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        ],
        responses: responses({ '200': { description: 'messages', ...jsonOf({ type: 'array', items: { $ref: '#/components/schemas/Message' } }) } }, 401, 404),
      },
    },
    '/api/patients/{id}/schedule': {
      get: { summary: 'The next planned events, in the patient local time', parameters: [idParam], responses: responses({ '200': { description: 'planned events' } }, 401, 404) },
    },
    '/api/escalations': {
      get: {
        summary: 'Escalations, newest first',
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'claimed', 'resolved'] } },
          { name: 'patientId', in: 'query', schema: { type: 'string', format: 'uuid' } },
        ],
        responses: responses({ '200': { description: 'escalations', ...jsonOf({ type: 'array', items: { $ref: '#/components/schemas/Escalation' } }) } }, 400, 401),
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: {
        type: 'object',
        properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } } } },
      },
      NewPatient: {
        type: 'object',
        required: ['phone', 'name', 'timezone', 'language', 'consent', 'plan', 'checkin'],
        properties: {
          phone: { type: 'string', description: 'E.164', example: '+15555550123' },
          name: { type: 'string' },
          timezone: { type: 'string', example: 'America/Chicago' },
          language: { type: 'string', enum: ['en', 'es'] },
          consent: { type: 'string', enum: ['pending', 'confirmed'], description: 'pending starts the enrollment dialogue; confirmed sends a short welcome' },
          plan,
          checkin: checkinSlot,
          careTeam: { type: 'string', description: 'name of a configured care team' },
        },
      },
      PatientChanges: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['active', 'paused'] },
          name: { type: 'string' },
          timezone: { type: 'string' },
          language: { type: 'string', enum: ['en', 'es'] },
          plan: { ...plan, required: [] },
          checkin: checkinSlot,
        },
      },
      Patient: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          phone: { type: 'string' },
          name: { type: 'string' },
          label: { type: 'string', description: 'pseudonymous label used in Slack' },
          timezone: { type: 'string' },
          language: { type: 'string' },
          status: { type: 'string', enum: ['pending_consent', 'active', 'paused', 'opted_out'] },
          plan: plan,
          checkin: checkinSlot,
        },
      },
      Message: {
        type: 'object',
        properties: { cursor: { type: 'string' }, direction: { type: 'string', enum: ['inbound', 'outbound'] }, body: { type: 'string' }, status: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } },
      },
      Checkin: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          weekStart: { type: 'string', format: 'date' },
          daysDone: { type: ['integer', 'null'] },
          daysTarget: { type: 'integer' },
          confidence: { type: ['integer', 'null'] },
          barrier: { type: ['string', 'null'] },
          status: { type: 'string' },
        },
      },
      Escalation: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          patientId: { type: 'string' },
          urgency: { type: 'string', enum: ['urgent', 'routine'] },
          reason: { type: 'string' },
          status: { type: 'string', enum: ['open', 'claimed', 'resolved'] },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
} as const;
