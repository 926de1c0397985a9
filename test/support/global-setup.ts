// Decides which PostgreSQL the suite uses: TEST_DATABASE_URL when set (CI sets it), else a local
// server if one answers, else PGlite in process. Tests read the choice with inject('postgresUrl').
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL ?? '';
  if (url) {
    if (!(await reachable(url)))
      throw new Error(`TEST_DATABASE_URL is set but PostgreSQL does not answer there`);
  } else {
    const local = 'postgres://postgres@127.0.0.1:5432/test';
    url = (await reachable(local)) ? local : 'pglite:';
  }
  project.provide('postgresUrl', url);
  console.log(
    `PostgreSQL backend for tests: ${url.startsWith('pglite') ? 'PGlite (in process)' : url.replace(/\/\/[^@]*@/, '//***@')}`,
  );
}
