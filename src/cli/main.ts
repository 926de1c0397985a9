#!/usr/bin/env node
// Entry point of the `concord` command.
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2));
// `serve` keeps running; every other command ends here.
if (!process.argv.slice(2).includes('serve') || code !== 0) process.exitCode = code;
