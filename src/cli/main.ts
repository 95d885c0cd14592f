// `careloop` command line. Subcommands are thin: they read config once and
// call the composition root or a tool.
import { Command } from 'commander';
import { registerServe } from './serve.js';
import { registerMigrate } from './migrate.js';
import { registerConversationCommands } from './conversation-commands.js';
import { registerSchedule } from './schedule.js';

const program = new Command('careloop').description('SMS check-ins for collaborative self-management');
registerServe(program);
registerMigrate(program);
registerConversationCommands(program);
registerSchedule(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`careloop: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
