import type { Command } from 'commander';
import { configOrExit, cliLogger } from './config.js';
import { openDatabase } from '../adapters/db/open.js';
import { migrateDown, migrateToLatest } from '../adapters/db/migrator.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (or undo the last one with --down)')
    .option('--down', 'undo the most recent migration')
    .action(async (opts: { down?: boolean }) => {
      const config = configOrExit();
      const logger = cliLogger(config);
      const database = await openDatabase({ url: config.db.url, dataDir: config.db.dataDir });
      try {
        const names = opts.down ? await migrateDown(database.db) : await migrateToLatest(database.db);
        logger.info({ migrations: names }, opts.down ? 'migrated down' : 'migrated to latest');
      } finally {
        await database.close();
      }
    });
}
