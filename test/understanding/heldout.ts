// `npm run heldout -- <batch.yaml> [--misses]`: scores a labelled batch of
// replies against the shipped vocabulary and prints issue #10's figures. Run a
// fresh blind batch once, untouched, and record what it prints in HELDOUT.md.
import { loadVocabularyFile } from '../../src/adapters/definitions/vocabulary-file.js';
import { misses, readEntries, report, score } from './score.js';

const [file, ...flags] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: npm run heldout -- <batch.yaml> [--misses]\n');
  process.exit(2);
}
const vocab = await loadVocabularyFile(new URL('../../conversations/vocabulary.yaml', import.meta.url).pathname);
const s = score(await readEntries(file), vocab);
process.stdout.write(`${report(s)}\n`);
if (flags.includes('--misses')) process.stdout.write(`\n${misses(s).join('\n')}\n`);
