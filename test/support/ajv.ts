// One ajv set-up for the JSON Schema and OpenAPI contract tests: strict, all
// errors, and real format checks (date-time, uuid, email ...). draft-07 for
// the editors' schemas, 2020-12 (the dialect of OpenAPI 3.1) for the API.
import { Ajv, type Options } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default
// import is the module object.
type AddFormats = <A extends Ajv>(ajv: A) => A;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

const defaults: Options = { allErrors: true, strict: true, allowUnionTypes: true };

export function newAjv(options: Options = {}): Ajv {
  return addFormats(new Ajv({ ...defaults, ...options }));
}

export function newAjv2020(options: Options = {}): Ajv2020 {
  return addFormats(new Ajv2020({ ...defaults, ...options }));
}

export function errorText(errors: { instancePath: string; message?: string; params?: unknown }[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`).join('\n');
}
