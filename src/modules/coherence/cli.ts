// `concord coherence …`: analyse a year, print or write the yearly coherence report (JSON, HTML,
// CSV, PDF), and refresh tag suggestions. The CLI acts as the system actor through the same
// audited commands as the API.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../../cli/program.js';
import { CliExit } from '../../cli/program.js';
import { systemActor } from '../access/actor.js';
import { runAnalysis } from './commands/runAnalysis.js';
import { suggestTagsFor } from './commands/suggestTags.js';
import { buildCoherenceReport, renderCoherenceCsv, renderCoherenceHtml, renderCoherencePdf } from './report.js';
import { SUBJECT_TYPES, type SubjectType } from './subjects.js';

function year(cli: CliContext, raw: string): number {
  const y = Number(raw);
  if (!Number.isInteger(y) || y < 1945 || y > 2200) {
    cli.io.err(`coherence: --year must be a year, got '${raw}'`);
    throw new CliExit(2);
  }
  return y;
}

export function register(program: Command, cli: CliContext): void {
  const coherence = program.command('coherence').description('Coherence across boards: themes, findings, calendar, yearly report');

  coherence
    .command('analyse')
    .alias('analyze')
    .description('Refresh tag suggestions and findings of a year across boards')
    .requiredOption('--year <year>', 'the year to analyse')
    .action(async (opts: { year: string }) => {
      const y = year(cli, opts.year);
      await cli.withDb(async (d) => {
        const r = await runAnalysis(d.db, systemActor('cli'), { year: y });
        cli.io.out(
          `analysed ${r.year}: ${r.subjects} subjects; suggestions +${r.suggestions.added} ~${r.suggestions.updated} -${r.suggestions.removed}; findings ${Object.entries(r.findings)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}`,
        );
      });
    });

  coherence
    .command('report')
    .description('The yearly coherence report (board × theme matrix, findings, overlapping meetings, delegation load)')
    .requiredOption('--year <year>', 'the year')
    .option('--format <format>', 'json, html, csv or pdf (pdf needs --output)', 'html')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--no-analyse', 'use the findings of the last analysis instead of analysing now')
    .action(async (opts: { year: string; format: string; output?: string; analyse: boolean }) => {
      const y = year(cli, opts.year);
      if (!['json', 'html', 'csv', 'pdf'].includes(opts.format)) {
        cli.io.err(`coherence report: --format must be json, html, csv or pdf`);
        throw new CliExit(2);
      }
      if (opts.format === 'pdf' && !opts.output) {
        cli.io.err('coherence report: a PDF needs --output <file>');
        throw new CliExit(2);
      }
      await cli.withDb(async (d) => {
        const actor = systemActor('cli');
        if (opts.analyse) await runAnalysis(d.db, actor, { year: y });
        const report = await buildCoherenceReport(d.db, actor, y);
        const body: string | Uint8Array =
          opts.format === 'json'
            ? JSON.stringify(report, null, 2)
            : opts.format === 'csv'
              ? renderCoherenceCsv(report)
              : opts.format === 'pdf'
                ? await renderCoherencePdf(report)
                : renderCoherenceHtml(report);
        if (opts.output) {
          fs.writeFileSync(opts.output, body);
          const n = report.findings.reduce((s, g) => s + g.items.length, 0);
          cli.io.err(`coherence report ${y}: ${n} findings, ${report.calendar.overlaps.length} overlapping meetings -> ${opts.output}`);
        } else cli.io.out(typeof body === 'string' ? body : Buffer.from(body).toString('latin1'));
      });
    });

  coherence
    .command('suggest')
    .description('Refresh the tagging model’s suggestions for every subject of a type in a year')
    .requiredOption('--type <type>', SUBJECT_TYPES.join(', '))
    .requiredOption('--year <year>', 'the year')
    .action(async (opts: { type: string; year: string }) => {
      if (!(SUBJECT_TYPES as readonly string[]).includes(opts.type)) {
        cli.io.err(`coherence suggest: --type must be one of ${SUBJECT_TYPES.join(', ')}`);
        throw new CliExit(2);
      }
      const y = year(cli, opts.year);
      await cli.withDb(async (d) => {
        const r = await suggestTagsFor(d.db, systemActor('cli'), { subjectType: opts.type as SubjectType, year: y });
        cli.io.out(`${r.subjects} ${opts.type} subjects: +${r.added} ~${r.updated} -${r.removed} suggestions`);
      });
    });
}
