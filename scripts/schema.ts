// `npm run schema`: writes the editors' JSON Schemas (src/engine/editor-schemas.ts)
// into the repository. Run it after changing a conversation or scenario zod schema.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { editorSchemas, editorSchemaText } from '../src/engine/editor-schemas.js';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const entry of editorSchemas()) {
  await writeFile(`${root}${entry.file}`, editorSchemaText(entry));
  process.stdout.write(`wrote ${entry.file}\n`);
}
