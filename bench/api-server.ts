// Child process for bench/api.ts: serves either Concord on a given SQLite file, or a bare Fastify
// hello-world route (the baseline), with logging off, on the given port.
import Fastify from 'fastify';
import pino from 'pino';
import { readConfig } from '../src/app/config.js';
import { openDatabase } from '../src/db/database.js';
import { buildServer } from '../src/http/server.js';

const [mode, port, dbFile] = process.argv.slice(2);
if (mode === 'hello') {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ hello: 'world' }));
  await app.listen({ port: Number(port), host: '127.0.0.1' });
} else {
  const database = await openDatabase(`sqlite:${dbFile}`);
  const { config } = readConfig({ LOG_LEVEL: 'silent', CONCORD_READ_CACHE: mode === 'concord-nocache' ? 'false' : 'true' });
  const app = await buildServer({ database, config, logger: pino({ level: 'silent' }) }, { logger: false });
  await app.listen({ port: Number(port), host: '127.0.0.1' });
}
process.send?.('ready');
