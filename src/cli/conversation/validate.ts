// `careloop validate [files]`: every problem with file, step and a plain
// message; exit code 1 if there is any.
import { join } from 'node:path';
import { loadConversations, validateFiles } from '../../adapters/definitions/load-conversations.js';
import { loadVocabularyFile } from '../../adapters/definitions/vocabulary-file.js';
import { formatProblem, type Problem } from '../../engine/definition/problems.js';
import type { Output } from './output.js';

export async function runValidate(files: string[], dir: string, output: Output): Promise<number> {
  const loaded = files.length > 0 ? await validateFiles(files) : await loadConversations(dir);
  const problems: Problem[] = [...loaded.problems];
  if (files.length === 0) {
    const vocabulary = join(dir, 'vocabulary.yaml');
    await loadVocabularyFile(vocabulary).catch((error: Error) => problems.push({ file: vocabulary, message: error.message }));
  }
  for (const warning of loaded.warnings) output.err(formatProblem(warning));
  for (const problem of problems) output.err(formatProblem(problem));
  if (problems.length > 0) {
    output.err(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} found.`);
    return 1;
  }
  output.out(`OK: ${loaded.definitions.size} conversation${loaded.definitions.size === 1 ? '' : 's'} valid${loaded.messages ? ', system messages valid' : ''}.`);
  return 0;
}
