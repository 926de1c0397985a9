// What every route and command can reach: the database, its dialect, configuration and the logger.
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import type { Config } from './config.js';

export interface AppContext {
  database: Database;
  config: Config;
  logger: Logger;
  /** The environment optional integrations read (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
}
