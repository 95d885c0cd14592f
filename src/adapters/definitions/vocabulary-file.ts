// Reads conversations/vocabulary.yaml: the care team's red-flag, human-request,
// low-mood and opt-out phrases. Checked once at start-up; every problem is
// reported at once, naming the file and the place in it.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { vocabularySchema, type Vocabulary } from '../../engine/understanding/vocabulary.js';

export async function loadVocabularyFile(path: string): Promise<Vocabulary> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`vocabulary file ${path}: cannot read it (${(err as Error).message})`);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new Error(`vocabulary file ${path}: not valid YAML: ${(err as Error).message}`);
  }
  const result = vocabularySchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
    throw new Error(`vocabulary file ${path} has ${problems.length} problem(s):\n${problems.join('\n')}`);
  }
  return result.data;
}
