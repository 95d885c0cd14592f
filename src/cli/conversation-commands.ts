// The tools for people who write dialogues, added to the careloop program:
// validate, diagram, chat, test. Each sets the exit code; none calls process.exit.
import type { Command } from 'commander';
import { runChat } from './conversation/chat.js';
import { runPhoneChat } from './phone-chat.js';
import { runDiagram } from './conversation/diagram.js';
import { consoleOutput } from './conversation/output.js';
import { runTests } from './conversation/test.js';
import { runValidate } from './conversation/validate.js';
import { runTexts } from './conversation/texts.js';

const DEFAULT_DIR = 'conversations';

export function registerConversationCommands(program: Command): void {
  program
    .command('validate')
    .description('check conversation files (all of conversations/ by default); exits 1 on any problem')
    .argument('[files...]', 'conversation or messages files to check')
    .option('--dir <dir>', 'conversations directory', DEFAULT_DIR)
    .action(async (files: string[], options: { dir: string }) => {
      process.exitCode = await runValidate(files, options.dir, consoleOutput);
    });

  program
    .command('texts')
    .description('measure every patient text (both languages, longest fill-ins): SMS segments, reading grade, parity, gendered words')
    .option('--dir <dir>', 'conversations directory', DEFAULT_DIR)
    .option('--verbose', 'one line per text')
    .action(async (options: { dir: string; verbose?: boolean }) => {
      process.exitCode = await runTexts(options.dir, options.verbose === true, consoleOutput);
    });

  program
    .command('diagram')
    .description('print a Mermaid stateDiagram-v2 of a conversation')
    .argument('<conversation>', 'conversation id (e.g. weekly-checkin) or file')
    .option('--html', 'print an HTML page that renders the diagram')
    .option('--dir <dir>', 'conversations directory', DEFAULT_DIR)
    .action(async (conversation: string, options: { dir: string; html?: boolean }) => {
      process.exitCode = await runDiagram(conversation, options.dir, options.html === true, consoleOutput);
    });

  program
    .command('chat')
    .description('play the patient in the terminal against the real engine, with a virtual clock')
    .argument('[conversation]', 'conversation id to start (not with --phone)')
    .option('--phone <number>', 'instead: text the running server as this enrolled patient (simulator mode), e.g. "(312) 555-0123"')
    .option('--url <url>', 'with --phone: the server base URL (default PUBLIC_URL or http://localhost:PORT)')
    .option('--lang <lang>', 'patient language: en or es')
    .option('--patient <file>', 'YAML with patient, plan, loggedDays, careTeam (as in scenarios)')
    .option('--verbose', 'also show timers')
    .option('--dir <dir>', 'conversations directory', DEFAULT_DIR)
    .action(async (conversation: string | undefined, options: { phone?: string; url?: string; lang?: string; patient?: string; verbose?: boolean; dir: string }) => {
      if (options.phone) {
        process.exitCode = await runPhoneChat(options.phone, options.url);
        return;
      }
      if (!conversation) {
        consoleOutput.err('name a conversation (e.g. careloop chat weekly-checkin) or pass --phone');
        process.exitCode = 2;
        return;
      }
      if (options.lang !== undefined && options.lang !== 'en' && options.lang !== 'es') {
        consoleOutput.err('--lang must be en or es');
        process.exitCode = 2;
        return;
      }
      process.exitCode = await runChat(conversation, { ...options, lang: options.lang }, consoleOutput);
    });

  program
    .command('test')
    .description('run scenario files (conversations/scenarios by default); exits 1 if any fail')
    .argument('[paths...]', 'scenario files or directories')
    .option('--dir <dir>', 'conversations directory', DEFAULT_DIR)
    .option('--update', 'pin the whole transcript of each passing scenario into its file')
    .action(async (paths: string[], options: { dir: string; update?: boolean }) => {
      process.exitCode = await runTests(paths, options.dir, consoleOutput, { update: options.update === true });
    });
}
