// Runs the HTTP server until SIGINT/SIGTERM, then drains requests and closes the database.
import { buildServer } from '../http/server.js';
import type { Config } from './config.js';
import { createContext } from './context-factory.js';
import { rankFunctionStatus } from '../search/rank-function.js';

export async function serve(config: Config): Promise<void> {
  const ctx = await createContext(config);
  const app = await buildServer(ctx);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    ctx.logger.info({ signal }, 'shutting down');
    await app.close();
    await ctx.database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  ctx.logger.info(
    `Concord is serving ${ctx.database.description} at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
  );
  if (ctx.database.dialect === 'sqlite') {
    // Which function ranks searches (search/rank-function.ts): bm25() is slower for phrase queries.
    const rank = rankFunctionStatus();
    if (rank.name === 'bm25')
      ctx.logger.warn({ reason: rank.reason }, 'search ranks with bm25() (concord_rank not loaded)');
    else ctx.logger.info('search ranks with concord_rank()');
  }
}
