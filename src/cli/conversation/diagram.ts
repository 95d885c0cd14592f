// `careloop diagram <conversation> [--html]`: Mermaid stateDiagram-v2 on stdout.
import { join } from 'node:path';
import { validateFiles } from '../../adapters/definitions/load-conversations.js';
import { formatProblem } from '../../engine/definition/problems.js';
import { mermaidDiagram, mermaidHtml } from '../../engine/diagram.js';
import type { Output } from './output.js';

export async function runDiagram(conversation: string, dir: string, html: boolean, output: Output): Promise<number> {
  const file = conversation.endsWith('.yaml') ? conversation : join(dir, `${conversation}.yaml`);
  const loaded = await validateFiles([file]).catch((error: Error) => ({ definitions: new Map(), problems: [{ file, message: error.message }] }));
  const definition = [...loaded.definitions.values()][0]?.definition;
  if (!definition) {
    for (const problem of loaded.problems) output.err(formatProblem(problem));
    output.err(`cannot draw ${conversation}: fix the problems above first.`);
    return 1;
  }
  output.out((html ? mermaidHtml(definition) : mermaidDiagram(definition)).trimEnd());
  return 0;
}
