// `careloop schedule --patient <id or label>`: the patient's next planned
// events (check-ins, conversation reminders and timeouts, deferred texts) in
// their own local time. The same view as GET /api/patients/:id/schedule.
import type { Command } from 'commander';
import { configOrExit, cliLogger } from './config.js';
import { openDatabase } from '../adapters/db/open.js';
import { findPatientById, findPatientByLabel } from '../adapters/db/repositories/patients.js';
import { buildService } from '../main.js';
import { scheduleView } from '../app/schedule-view.js';

type ScheduleView = Awaited<ReturnType<typeof scheduleView>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description("show a patient's next planned check-ins, reminders and deferred texts, in their local time")
    .requiredOption('--patient <id>', 'patient id or label (e.g. MG-3F9A2C)')
    .option('--weeks <n>', 'check-ins to list ahead', '4')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { patient: string; weeks: string; json?: boolean }) => {
      const weeks = Number(opts.weeks);
      if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) throw new Error('--weeks must be a whole number from 1 to 52');
      const config = configOrExit();
      const logger = cliLogger(config);
      const database = await openDatabase({ url: config.db.url, dataDir: config.db.dataDir });
      try {
        const patient = UUID.test(opts.patient) ? await findPatientById(database.db, opts.patient) : await findPatientByLabel(database.db, opts.patient);
        if (!patient) throw new Error(`no patient with id or label ${opts.patient}`);
        // Nothing is listened to or sent: the service parts are only built to read the schedule.
        const { core } = await buildService(config, logger, database.db, 'cli-read-only');
        const view = await scheduleView(core, patient.id, weeks);
        process.stdout.write(opts.json ? `${JSON.stringify(view, null, 2)}\n` : formatSchedule(view, patient.label));
      } finally {
        await database.close();
      }
    });
}

/** A plain table for people: local time first, then what happens. */
export function formatSchedule(view: ScheduleView, label: string): string {
  const lines = [`${label} (${view.status.replace('_', ' ')}), times in ${view.timezone}:`];
  if (view.events.length === 0) lines.push('  nothing planned');
  const width = Math.max(0, ...view.events.map((e) => e.local.length));
  for (const event of view.events) lines.push(`  ${event.local.padEnd(width)}  ${event.kind}${event.detail ? `  (${event.detail})` : ''}`);
  return `${lines.join('\n')}\n`;
}
