// Builds native/build/concordfts.{so,dylib,dll}, the SQLite extension with Concord's FTS5 ranking
// function (native/concordfts.c), against the SQLite headers better-sqlite3 ships. Run by
// `npm ci`/`npm install` (postinstall). Without a C compiler it prints why and exits 0: Concord
// then ranks with FTS5's bm25(), in the same order, slower for phrase queries.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const suffix = process.platform === 'win32' ? 'dll' : process.platform === 'darwin' ? 'dylib' : 'so';
const out = path.join(here, 'build', `concordfts.${suffix}`);
const source = path.join(here, 'concordfts.c');

function skip(reason) {
  console.warn(`concordfts: not built (${reason}); search ranks with bm25() instead`);
  process.exit(0);
}

let headers;
try {
  headers = path.join(
    path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
    'deps',
    'sqlite3',
  );
} catch {
  skip('better-sqlite3 is not installed');
}
if (!fs.existsSync(path.join(headers, 'sqlite3ext.h'))) skip(`no sqlite3ext.h in ${path.basename(headers)}`);
if (
  fs.existsSync(out) &&
  fs.statSync(out).mtimeMs > fs.statSync(source).mtimeMs &&
  !process.argv.includes('--force')
) {
  process.exit(0);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
const cc = process.env.CC || 'cc';
const args = ['-O2', '-fPIC', '-shared', '-I', headers, '-o', out, source];
if (process.platform !== 'win32') args.push('-lm');
const r = spawnSync(cc, args, { stdio: ['ignore', 'inherit', 'inherit'] });
if (r.error) skip(`${cc}: ${r.error.message}`);
if (r.status !== 0) skip(`${cc} exited with ${r.status}`);
console.log(`concordfts: built ${path.relative(process.cwd(), out)}`);
