// Reads scenario files (one scenario per YAML file) and runs them through the
// same runner for `careloop test` and the vitest suite.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import type { EngineEnv } from '../../engine/effects.js';
import { pinnedLines, runScenario, type ScenarioReport } from '../../engine/simulation/run-scenario.js';
import { scenarioSchema } from '../../engine/simulation/scenario.js';

/** Expands directories (recursively) into their .yaml files, sorted. */
export async function scenarioFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true });
      files.push(...(await scenarioFiles(entries.filter((e) => e.isDirectory() || /\.ya?ml$/.test(e.name)).map((e) => join(path, e.name)))));
    } else files.push(path);
  }
  return files.sort();
}

/** `ignorePinned`: run without the pinned transcript (to rewrite it). */
export async function runScenarioFile(file: string, env: EngineEnv, options: { ignorePinned?: boolean } = {}): Promise<ScenarioReport> {
  const fallbackName = basename(file).replace(/\.ya?ml$/, '');
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    return { name: fallbackName, passed: false, failure: `${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`, transcript: [], texts: [] };
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    return { name: fallbackName, passed: false, failure: `${file}: not a valid scenario: ${issues}`, transcript: [], texts: [] };
  }
  const scenario = options.ignorePinned ? { ...parsed.data, transcript: undefined } : parsed.data;
  return runScenario(parsed.data.name ?? fallbackName, scenario, env);
}

/** Writes the pinned transcript into the scenario file, keeping its comments and layout. */
export async function pinTranscript(file: string, transcript: string[]): Promise<void> {
  const doc = parseDocument(await readFile(file, 'utf8'));
  doc.set('transcript', pinnedLines(transcript));
  await writeFile(file, doc.toString({ lineWidth: 0 }));
}
