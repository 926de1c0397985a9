// Creates the application context: logger, database (migrated), optional demo data.
import pino from 'pino';
import { openDatabase, migrateToLatest } from '../db/database.js';
import { seedDemo } from '../seed/demo.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';

export function createLogger(level: string) {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}

export async function createContext(
  config: Config,
  opts: { migrate?: boolean; seed?: boolean } = {},
): Promise<AppContext> {
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config.databaseUrl);
  if (opts.migrate ?? true) await migrateToLatest(database.db, database.schema);
  if (opts.seed ?? config.seedDemo) {
    const seeded = await seedDemo(database.db);
    if (seeded.reference || seeded.jointMeeting) logger.info(seeded, 'demo data loaded');
  }
  return { database, config, logger };
}
