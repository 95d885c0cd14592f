import type { Command } from 'commander';
import { configOrExit, cliLogger } from './config.js';
import { startService } from '../main.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP service, scheduler and senders')
    .action(async () => {
      const config = configOrExit();
      const logger = cliLogger(config);
      const service = await startService(config, logger);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        service.close().then(
          () => process.exit(0),
          (err: unknown) => {
            logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
}
