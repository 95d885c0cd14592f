// `npm run bench:understanding`: how long reply understanding takes, for a
// short reply, a 1,600-character one (Twilio's longest concatenated text) and
// a 50 kB one, with the shipped vocabulary. Issue #10's target: well under
// 5 ms for 1,600 characters. Prints a table and writes bench/results/understanding.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { loadVocabularyFile } from '../src/adapters/definitions/vocabulary-file.js';
import { analyseReply, readDaysReply } from '../src/engine/understanding/index.js';

const vocab = await loadVocabularyFile(new URL('../conversations/vocabulary.yaml', import.meta.url).pathname);
const sentence = 'walked 4 days this week but my knee was sore on tuesday and thursday, the weather was nice and my daughter came along. ';
const sized = (n: number): string => sentence.repeat(Math.ceil(n / sentence.length)).slice(0, n);
const cases: Array<[string, string, number]> = [
  ['short reply ("4 days, chest a bit tight")', '4 days, chest a bit tight', 5000],
  ['1,600 characters', sized(1600), 300],
  ['50 kB', sized(50_000), 5],
];

const analyse = (text: string) => readDaysReply(text, analyseReply(text, vocab));
analyse('warm up the compiled vocabulary');
const rows = cases.map(([name, text, runs]) => {
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    analyse(text);
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  // CPU time per analysis: on a busy machine wall time includes waiting for a core; CPU time does not.
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { case: name, chars: text.length, runs, cpu_ms: +cpuMs.toFixed(3), p50_ms: +at(0.5).toFixed(3), p99_ms: +at(0.99).toFixed(3), max_ms: +at(1).toFixed(3) };
});
console.table(rows);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(new URL('./results/understanding.json', import.meta.url), `${JSON.stringify(rows, null, 2)}\n`);
