// One ajv set-up for the JSON Schema and OpenAPI contract tests: strict, all
// errors, and real format checks (date-time, uuid, email ...).
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default
// import is the module object.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

export function newAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, ...options });
  addFormats(ajv);
  return ajv;
}

export function errorText(errors: { instancePath: string; message?: string; params?: unknown }[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`).join('\n');
}
