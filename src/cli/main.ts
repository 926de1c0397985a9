#!/usr/bin/env node
// Entry point of the `concord` command.
import { runCli } from './program.js';

// Output piped into a reader that stops early (`concord search … | head`): stop quietly.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });

const code = await runCli(process.argv.slice(2));
// `serve` keeps running; every other command ends here.
if (!process.argv.slice(2).includes('serve') || code !== 0) process.exitCode = code;
