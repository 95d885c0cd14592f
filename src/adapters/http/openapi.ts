// The care-team API's OpenAPI 3.1 document, served at /api/openapi.json and
// generated from the routes' own zod schemas (api-routes.ts, api-shapes.ts,
// patient-input.ts) with zod's JSON Schema output. Requests are described as
// the API reads them (`io: input`, unknown fields rejected), responses as it
// writes them (`io: output`, exactly the listed fields).
import { z } from 'zod';
import { listPatientsOperation, reportApiPaths, staffApiPaths } from './openapi-staff.js';
import { checkinSchema, errorSchema, escalationSchema, messageSchema, patientSchema, planSchema, scheduleSchema } from '../../app/api-shapes.js';
import { patientChangesSchema } from '../../app/patient-input.js';
import type { ApiOperation } from './api-operation.js';

type JsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid input: `fields` names each bad field',
  401: 'missing or wrong bearer token',
  404: 'no such patient',
  409: 'conflict with the current state (e.g. the phone is already enrolled, or the patient is paused)',
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Shapes shared by several routes (or nested in others) get a name of their own. */
const NAMED_INPUTS: [z.ZodType, string][] = [[patientChangesSchema, 'PatientChanges']];
const NAMED_OUTPUTS: [z.ZodType, string][] = [
  [patientSchema, 'Patient'], [planSchema, 'Plan'], [messageSchema, 'Message'], [checkinSchema, 'Checkin'],
  [escalationSchema, 'Escalation'], [scheduleSchema, 'Schedule'], [errorSchema, 'Error'],
];

/** Component schemas: the named shapes, then one per operation (`listMessages` -> `ListMessagesResponse`). */
function components(operations: ApiOperation[]) {
  const input = z.registry<{ id: string }>();
  const output = z.registry<{ id: string }>();
  const names = new Map<z.ZodType, string>();
  for (const [schema, id] of NAMED_INPUTS) input.add(schema, { id }), names.set(schema, id);
  for (const [schema, id] of NAMED_OUTPUTS) output.add(schema, { id }), names.set(schema, id);
  const nameOf = (schema: z.ZodType, fallback: string, registry: typeof input) => {
    const known = names.get(schema);
    if (known) return known;
    // A schema built per configuration (NewPatient, with the phone rules) names itself by its title.
    const id = (schema.meta()?.title as string | undefined) ?? fallback;
    names.set(schema, id);
    registry.add(schema, { id });
    return id;
  };
  const bodies = new Map<ApiOperation, string>();
  const oks = new Map<ApiOperation, string>();
  for (const op of operations) {
    const base = op.operationId.charAt(0).toUpperCase() + op.operationId.slice(1);
    if (op.body) bodies.set(op, nameOf(op.body, `${base}Request`, input));
    oks.set(op, nameOf(op.ok.schema, `${base}Response`, output));
  }
  const uri = (id: string) => `#/components/schemas/${id}`;
  const clean = (all: Record<string, JsonSchema>) =>
    Object.fromEntries(Object.entries(all).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]));
  const schemas = {
    ...clean(z.toJSONSchema(input, { io: 'input', uri }).schemas as Record<string, JsonSchema>),
    ...clean(z.toJSONSchema(output, { io: 'output', uri }).schemas as Record<string, JsonSchema>),
  };
  return { schemas, bodies, oks };
}

function parameters(op: ApiOperation): JsonSchema[] {
  const path = [...op.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name, in: 'path', required: true, description: 'the patient id', schema: { type: 'string', format: 'uuid' },
  }));
  const query = Object.entries(op.query?.shape ?? {}).map(([name, schema]) => {
    const { $schema: _s, ...json } = z.toJSONSchema(schema as z.ZodType, { io: 'input' }) as JsonSchema;
    return { name, in: 'query', required: !(schema as z.ZodType).safeParse(undefined).success, schema: json };
  });
  return [...path, ...query];
}

/** "get /api/staff/{ref}/tokens" -> "getStaffRefTokens". */
function operationIdOf(method: string, path: string): string {
  const words = path.replace(/^\/api\//, '').split(/[^a-zA-Z0-9]+/).filter(Boolean);
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

export function openApiDocument(operations: ApiOperation[], serverUrl: string) {
  const { schemas, bodies, oks } = components(operations);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    const json = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } });
    const body = bodies.get(op);
    const params = parameters(op);
    (paths[path] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(body ? { requestBody: { required: true, ...json(body) } } : {}),
      responses: {
        [String(op.ok.status)]: { description: op.ok.description, ...json(oks.get(op)!) },
        ...Object.fromEntries(op.errors.map((status) => [String(status), { description: ERROR_DESCRIPTIONS[status] ?? 'error', ...json('Error') }])),
        '500': { description: 'internal error (nothing about the request is echoed back)', ...json('Error') },
      },
    };
  }
  // The staff, care-team, patient-list, summary and export routes (openapi-staff.ts, from their own zod schemas).
  (paths['/api/patients'] ??= {}).get = listPatientsOperation;
  for (const [path, item] of Object.entries({ ...staffApiPaths, ...reportApiPaths })) Object.assign((paths[path] ??= {}), item);
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item) as Array<[string, Record<string, unknown>]>) {
      op.operationId ??= operationIdOf(method, path);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'careloop care-team API',
      version: '1.0.0',
      description: 'Enroll patients, follow their check-ins and escalations. JSON; `Authorization: Bearer <API_TOKEN>`. Records are never deleted.',
      license: { name: 'Proprietary: all rights reserved (package.json: UNLICENSED)', url: 'https://docs.npmjs.com/cli/v11/configuring-npm/package-json#license' },
    },
    servers: [{ url: serverUrl, description: 'this careloop server' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'the API_TOKEN of the server' } },
      schemas,
    },
  };
}
