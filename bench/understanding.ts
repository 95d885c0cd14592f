// `node --import tsx --cpu-prof bench/understanding.ts`: reply understanding
// alone, on a mix of short answers and long free text, for profiling.
// Prints microseconds per analysed reply.
import { loadVocabularyFile } from '../src/adapters/definitions/vocabulary-file.js';
import { analyseReply } from '../src/engine/understanding/index.js';

const vocab = await loadVocabularyFile('conversations/vocabulary.yaml');
const texts = [
  '4',
  '8',
  'yes',
  'I was too tired after work most days and my knee hurt when I walked, maybe next week',
  'no pude caminar porque llovió toda la semana y me dolía la rodilla',
  'heeelp I feel really dizzy and my chest feels tight since this morning',
  'walked 3 times, it was ok but the weather was bad on sunday and monday, will try harder',
];
const rounds = Number(process.argv[2] ?? 2000);
for (let i = 0; i < 200; i++) for (const t of texts) analyseReply(t, vocab);
const t0 = performance.now();
for (let i = 0; i < rounds; i++) for (const t of texts) analyseReply(t, vocab);
const us = ((performance.now() - t0) * 1000) / (rounds * texts.length);
console.log(`${us.toFixed(1)} µs per reply (${rounds * texts.length} replies)`);
