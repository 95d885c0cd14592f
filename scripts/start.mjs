#!/usr/bin/env node
// `npm start`: runs the compiled service (dist/), compiling first when dist/
// is missing or older than any source file, so a fresh clone starts with the
// README's two commands and production runs plain JavaScript: no transpiler
// process next to the service. Arguments pass through (default: serve).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'src', 'cli', 'main.js');
const stamp = join(root, 'dist', '.built');

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    latest = Math.max(latest, name.isDirectory() ? newest(path) : name.name.endsWith('.ts') ? statSync(path).mtimeMs : 0);
  }
  return latest;
}

const stale = !existsSync(entry) || !existsSync(stamp) || statSync(stamp).mtimeMs < Math.max(newest(join(root, 'src')), newest(join(root, 'migrations')), statSync(join(root, 'tsconfig.build.json')).mtimeMs);
if (stale) {
  process.stderr.write('careloop: compiling TypeScript to dist/ (once per change)\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  writeFileSync(stamp, new Date().toISOString());
}
process.argv.splice(2, 0, ...(process.argv.length > 2 ? [] : ['serve']));
await import(entry);
