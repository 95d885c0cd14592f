// `careloop chat <conversation> [--lang es] [--patient file]`: play the
// patient in the terminal against the real engine, on a virtual clock.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { parse as parseYaml } from 'yaml';
import { loadEngineEnv } from '../../adapters/definitions/engine-env.js';
import { formatProblem } from '../../engine/definition/problems.js';
import type { Effect } from '../../engine/effects.js';
import { parseDuration } from '../../engine/simulation/durations.js';
import { contextOf } from '../../engine/simulation/run-scenario.js';
import { patientProfileSchema, type PatientProfile } from '../../engine/simulation/scenario.js';
import { SimulatedHost } from '../../engine/simulation/sim-host.js';
import { describeEffect } from '../../engine/simulation/transcript.js';
import type { Output } from './output.js';

const HELP = `Type a reply as the patient. Commands:
  /wait 2d      advance the virtual clock (4h, 30m, 1w, PT4H...) and fire due timers
  /timers       pending reminders and timeouts
  /state        the session state (JSON)
  /start <id>   start another conversation
  /quit         leave (or Ctrl-D)`;

export interface ChatOptions {
  lang?: 'en' | 'es';
  patient?: string;
  dir: string;
  verbose?: boolean;
}

async function readProfile(options: ChatOptions): Promise<PatientProfile> {
  const raw = options.patient ? parseYaml(await readFile(options.patient, 'utf8')) : {};
  const profile = patientProfileSchema.parse(raw ?? {});
  if (!options.lang) return profile;
  // The demo patient speaks the chosen language, plan included (a --patient file keeps its own plan).
  const plan = options.lang === 'es' && !options.patient ? { ...profile.plan, action: 'caminar 10 minutos después de cenar' } : profile.plan;
  return { ...profile, language: options.lang, plan };
}

export async function runChat(conversation: string, options: ChatOptions, output: Output, input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const loaded = await loadEngineEnv(options.dir);
  if (!loaded.ok) {
    loaded.problems.forEach((p) => output.err(formatProblem(p)));
    return 1;
  }
  const profile = await readProfile(options);
  const host = new SimulatedHost(loaded.env, contextOf(profile), new Date(profile.clock));
  const show = (effects: Effect[]) => {
    for (const effect of effects) {
      if (!options.verbose && (effect.type === 'scheduleTimer' || effect.type === 'cancelTimer')) continue;
      output.out(describeEffect(effect));
    }
  };
  output.out(HELP);
  output.out(`-- ${host.now.toISOString()} start ${conversation} (${profile.language})`);
  show(host.start(conversation));
  // In a real terminal show a prompt; piped input (tests, scripts) gets none.
  const tty = input === process.stdin && process.stdin.isTTY === true;
  const rl = tty ? createInterface({ input, output: process.stdout, terminal: true }) : createInterface({ input, terminal: false });
  rl.setPrompt('patient> ');
  // Lines are handled one at a time by a listener (the host is synchronous);
  // /quit closes the interface. (Breaking out of `for await` over readline
  // left a real terminal waiting until the input closed.)
  const handle = (raw: string): boolean => {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') return false;
    if (line === '') return true;
    if (line === '/help') output.out(HELP);
    else if (line.startsWith('/wait')) {
      const millis = parseDuration(line.slice(5));
      if (millis === null) output.err('Use a duration like /wait 4h or /wait 2d.');
      else {
        show(host.advance(millis));
        output.out(`-- now ${host.now.toISOString()}`);
      }
    } else if (line === '/timers') host.pendingTimers().forEach((t) => output.out(`   ${t.at.toISOString()}  ${t.key}`));
    else if (line === '/state') output.out(JSON.stringify(host.state, null, 2));
    else if (line.startsWith('/start ')) show(host.start(line.slice(7).trim()));
    else {
      show(host.reply(raw));
      if (host.optedOut) output.out('   (the patient is opted out: only START, UNSTOP or YES opts back in)');
    }
    return true;
  };
  await new Promise<void>((resolve) => {
    rl.on('close', resolve);
    rl.on('line', (raw) => {
      if (!handle(raw)) rl.close();
      else if (tty) rl.prompt();
    });
    if (tty) rl.prompt();
  });
  if (tty) process.stdin.pause();
  return 0;
}
