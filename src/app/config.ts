// Configuration from the environment, validated once at start. `concord doctor` reports problems.
import path from 'node:path';
import { RANKING_WINDOW } from '../search/window.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  logLevel: string;
  bodyLimit: number;
  seedDemo: boolean;
  publicUrl: string;
  readCache: boolean;
  /** Search ranks at most this many of the newest matches (search/window.ts). */
  searchWindow: number;
}

export interface ConfigProblem {
  variable: string;
  message: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function defaultDatabaseUrl(cwd = process.cwd()): string {
  return `sqlite:${path.join(cwd, 'data', 'concord.db')}`;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): {
  config: Config;
  problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push({ variable: name, message: `must be an integer from ${min} to ${max}, got '${raw}'` });
      return fallback;
    }
    return n;
  };
  const databaseUrl = env.DATABASE_URL || defaultDatabaseUrl();
  if (!/^(sqlite:|postgres:\/\/|postgresql:\/\/|pglite:)/.test(databaseUrl) && !databaseUrl.endsWith('.db')) {
    problems.push({
      variable: 'DATABASE_URL',
      message: 'must start with sqlite:, postgres://, postgresql:// or pglite:',
    });
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push({ variable: 'LOG_LEVEL', message: `must be one of ${LOG_LEVELS.join(', ')}` });
  }
  const seed = (env.CONCORD_SEED_DEMO ?? 'true').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(seed)) {
    problems.push({ variable: 'CONCORD_SEED_DEMO', message: "must be 'true' or 'false'" });
  }
  const cacheRaw = (env.CONCORD_READ_CACHE ?? 'true').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(cacheRaw)) {
    problems.push({ variable: 'CONCORD_READ_CACHE', message: "must be 'true' or 'false'" });
  }
  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const config: Config = {
    port,
    host,
    databaseUrl,
    logLevel: LOG_LEVELS.includes(logLevel) ? logLevel : 'info',
    bodyLimit: int('CONCORD_BODY_LIMIT', 1_048_576, 1024, 1_073_741_824),
    seedDemo: seed === 'true' || seed === '1',
    publicUrl: env.CONCORD_PUBLIC_URL || `http://localhost:${port}`,
    readCache: cacheRaw !== 'false' && cacheRaw !== '0',
    searchWindow: int('CONCORD_SEARCH_WINDOW', RANKING_WINDOW, 1, 10_000_000),
  };
  return { config, problems };
}
