// `careloop test [paths]`: runs scenario files in-process, each on its own
// simulated host; a readable diff and transcript on failure; exit 1 if any fail.
import { loadEngineEnv } from '../../adapters/definitions/engine-env.js';
import { pinTranscript, runScenarioFile, scenarioFiles } from '../../adapters/definitions/scenario-files.js';
import { formatProblem } from '../../engine/definition/problems.js';
import type { Output } from './output.js';

/** `update`: pin each passing scenario's whole transcript into its file. */
export async function runTests(paths: string[], dir: string, output: Output, options: { update?: boolean } = {}): Promise<number> {
  const loaded = await loadEngineEnv(dir);
  if (!loaded.ok) {
    loaded.problems.forEach((p) => output.err(formatProblem(p)));
    output.err('The conversations have problems: fix them first (careloop validate).');
    return 1;
  }
  const files = await scenarioFiles(paths.length > 0 ? paths : [`${dir}/scenarios`]);
  let failed = 0;
  for (const file of files) {
    const report = await runScenarioFile(file, loaded.env, { ignorePinned: options.update === true });
    if (report.passed) {
      if (options.update) await pinTranscript(file, report.transcript);
      output.out(`  ok    ${report.name}${options.update ? '  (transcript pinned)' : ''}`);
      continue;
    }
    failed += 1;
    output.out(`  FAIL  ${report.name}  (${file})`);
    output.out(`        ${report.failure?.replace(/\n/g, '\n        ')}`);
    output.out('        transcript so far:');
    report.transcript.slice(-25).forEach((line) => output.out(`          ${line}`));
  }
  output.out(`\n${files.length - failed} passed, ${failed} failed, ${files.length} scenarios.`);
  return failed > 0 ? 1 : 0;
}
