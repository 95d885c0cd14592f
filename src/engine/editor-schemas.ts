// JSON Schemas for editors (VS Code and others through the YAML language
// server), generated from the zod schemas that careloop itself loads files
// with, so autocomplete and red squiggles match what `careloop validate`
// accepts. Written to conversations/ by `npm run schema`; a test fails when
// the shipped files are out of date.
//
// The JSON Schemas check shape only: checks done in code (ISO durations,
// the step graph, templates, conditions, SMS length) stay with
// `careloop validate` and `careloop test`.
import { z } from 'zod';
import { conversationSchema } from './definition/schema.js';
import { scenarioSchema, STEP_SCHEMAS } from './simulation/scenario.js';

export interface EditorSchema {
  /** Path from the repository root. */
  file: string;
  schema: Record<string, unknown>;
}

// draft-07 is the draft the YAML language server supports best; `input`
// describes what a person writes (fields with defaults are optional).
function toJsonSchema(schema: z.ZodType, title: string, description: string): Record<string, unknown> {
  return { ...z.toJSONSchema(schema, { io: 'input', target: 'draft-7' }), title, description };
}

export function editorSchemas(): EditorSchema[] {
  // The loader reads steps loosely and checks each one by its key, so they are
  // spelled out here for the editor: exactly one of the known step kinds.
  const scenarioForEditors = scenarioSchema.extend({ steps: z.array(z.union(STEP_SCHEMAS)).min(1) });
  return [
    {
      file: 'conversations/conversation.schema.json',
      schema: toJsonSchema(conversationSchema, 'careloop conversation', 'One conversation file in conversations/ (see conversations/README.md).'),
    },
    {
      file: 'conversations/scenarios/scenario.schema.json',
      schema: toJsonSchema(scenarioForEditors, 'careloop scenario', 'One scenario file in conversations/scenarios/ (see conversations/README.md).'),
    },
  ];
}

/** The text written to each file: stable, two-space JSON with a final newline. */
export function editorSchemaText(entry: EditorSchema): string {
  return `${JSON.stringify(entry.schema, null, 2)}\n`;
}
