// Problems found in conversation files, worded for the people who write them:
// the file, the step when there is one, and a plain sentence.
import type { z } from 'zod';

export interface Problem {
  file: string;
  step?: string;
  message: string;
  /** A warning is printed but does not fail validation or stop a file loading. */
  warning?: true;
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Spanish' };

function describePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Turns zod issues into problems. In a conversation a path under
 * `steps.<id>` is reported as that step; in messages.yaml (`topLevelSteps`)
 * each top-level key is reported as the "step".
 */
export function problemsFromZod(file: string, error: z.ZodError, topLevelSteps = false): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path;
    const depth = topLevelSteps ? 0 : 1;
    const underStep = topLevelSteps ? path.length > 1 : path[0] === 'steps' && path.length > 1;
    const step = underStep ? String(path[depth]) : undefined;
    const inside = (p: readonly PropertyKey[]) => (step ? p.slice(depth + 1) : p);
    const where = describePath(inside(path));
    const at = where ? ` at "${where}"` : '';
    const last = path[path.length - 1];
    let message: string;
    if (issue.code === 'unrecognized_keys') {
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${at}`;
    } else if (issue.code === 'invalid_type' && issue.input === undefined && typeof last === 'string' && last in LANGUAGE_NAMES) {
      const parent = describePath(inside(path.slice(0, -1)));
      message = `missing ${LANGUAGE_NAMES[last]} (${last}) translation${parent ? ` at "${parent}"` : ''}`;
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      const parent = describePath(inside(path.slice(0, -1)));
      message = `missing required "${String(last)}"${parent ? ` in "${parent}"` : ''}`;
    } else {
      message = `${issue.message}${at}`;
    }
    return step ? { file, step, message } : { file, message };
  });
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}${problem.step ? ` [step ${problem.step}]` : ''}: ${problem.warning ? 'warning: ' : ''}${problem.message}`;
}
