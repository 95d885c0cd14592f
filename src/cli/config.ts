// Config and logger for CLI subcommands.
import { ConfigError, loadConfig, readEnvironment, type Config } from '../config/index.js';
import { createLogger } from '../adapters/log/logger.js';

/** Loads config or prints every problem and exits 1 (no stack trace). */
export function configOrExit(): Config {
  try {
    return loadConfig(readEnvironment());
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

export const cliLogger = (config: Config) => createLogger({ level: config.log.level });

