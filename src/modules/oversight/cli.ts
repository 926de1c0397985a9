// `concord oversight …`: the oversight tracker from the command line, through the same commands as
// the API (as the system actor, so every change is audited).
import fs from 'node:fs';
import type { Command } from 'commander';
import { CliExit, type CliContext } from '../../cli/program.js';
import { systemActor } from '../access/actor.js';
import { addAction } from './commands/addAction.js';
import { addRecommendation } from './commands/addRecommendation.js';
import { commitImport } from './commands/commitImport.js';
import { previewImport } from './commands/previewImport.js';
import { recordActionProgress } from './commands/recordActionProgress.js';
import { recordResponse } from './commands/recordResponse.js';
import { registerReview } from './commands/registerReview.js';
import { suggestMandates } from './commands/suggestMandates.js';
import { confirmMandate } from './commands/confirmMandate.js';
import { rejectMandate } from './commands/rejectMandate.js';
import { overdueActions, rates, reportingLoad, stalled } from './dashboards.js';
import { exportRows, serializeRows } from './exports.js';
import { buildReviewReport, renderReportHtml, renderReportPdf } from './report.js';
import { EXPORT_LISTS, type CATEGORIES, type DUE_SESSION_TYPES, type ExportList, type PRIORITIES } from './schema.js';
import { parseAddresseeKey } from './write-helpers.js';
import { listReviews } from './queries.js';

const actor = () => systemActor('cli');

function parseDueSession(s: string | undefined) {
  if (!s) return undefined;
  const [type, year] = s.split(':');
  return { type: type as (typeof DUE_SESSION_TYPES)[number], year: Number(year) };
}

export function register(program: Command, cli: CliContext): void {
  const { io } = cli;
  const print = (v: unknown) => io.out(JSON.stringify(v, null, 2));
  const o = program.command('oversight').description('Reviews, recommendations, responses, actions, mandates and dashboards');

  const review = o.command('review').description('Reviews of board governance');
  review
    .command('list')
    .description('List reviews with their weighted progress')
    .action(async () => cli.withDb(async (d) => print((await listReviews(d.db, { limit: 200 })).items)));
  review
    .command('add')
    .description('Register a review')
    .requiredOption('--title <title>')
    .requiredOption('--body <issuingBody>', 'issuing body, e.g. JIU')
    .requiredOption('--year <year>')
    .option('--symbol <symbol>')
    .option('--issued-on <date>', 'YYYY-MM-DD')
    .option('--synthetic', 'flag as synthetic demo data')
    .action(async (opts: { title: string; body: string; year: string; symbol?: string; issuedOn?: string; synthetic?: boolean }) =>
      cli.withDb(async (d) =>
        io.out(
          await registerReview(d.db, actor(), {
            title: opts.title,
            issuingBody: opts.body,
            year: Number(opts.year),
            ...(opts.symbol ? { symbol: opts.symbol } : {}),
            ...(opts.issuedOn ? { issuedOn: opts.issuedOn } : {}),
            synthetic: !!opts.synthetic,
          }),
        ),
      ),
    );
  review
    .command('report')
    .description('Write the status report of a review as HTML or PDF')
    .argument('<reviewId>')
    .option('--format <format>', 'html or pdf', 'html')
    .requiredOption('-o, --output <file>')
    .action(async (reviewId: string, opts: { format: string; output: string }) =>
      cli.withDb(async (d) => {
        const r = await buildReviewReport(d.db, reviewId);
        if (!r) {
          io.err(`no review ${reviewId}`);
          throw new CliExit(2);
        }
        fs.writeFileSync(opts.output, opts.format === 'pdf' ? await renderReportPdf(r) : renderReportHtml(r));
        io.err(`wrote ${opts.output}`);
      }),
    );

  o.command('recommendation')
    .description('Add a recommendation to a review')
    .requiredOption('--review <id>')
    .requiredOption('--number <n>')
    .requiredOption('--text <text>')
    .requiredOption('--category <category>')
    .requiredOption('--priority <priority>', 'high, medium or low')
    .requiredOption('--addressee <key...>', 'board:<board id> or head:<entity id>, one or more')
    .action(async (opts: { review: string; number: string; text: string; category: string; priority: string; addressee: string[] }) =>
      cli.withDb(async (d) =>
        io.out(
          await addRecommendation(d.db, actor(), {
            reviewId: opts.review,
            input: {
              number: opts.number,
              text: opts.text,
              category: opts.category as (typeof CATEGORIES)[number],
              priority: opts.priority as (typeof PRIORITIES)[number],
              addressees: opts.addressee.map((k) => parseAddresseeKey(k) ?? { kind: 'board', boardId: k }),
            },
          }),
        ),
      ),
    );

  o.command('respond')
    .description("Record an addressee's acceptance or implementation status (checked against the workflow)")
    .requiredOption('--addressee <id>')
    .requiredOption('--axis <axis>', 'acceptance or implementation')
    .requiredOption('--status <status>')
    .requiredOption('--on <date>', 'YYYY-MM-DD')
    .option('--reason <text>', 'justification')
    .action(async (opts: { addressee: string; axis: string; status: string; on: string; reason?: string }) =>
      cli.withDb(async (d) => {
        await recordResponse(d.db, actor(), {
          addresseeId: opts.addressee,
          axis: opts.axis === 'implementation' ? 'implementation' : 'acceptance',
          input: { status: opts.status, on: opts.on, ...(opts.reason ? { justification: opts.reason } : {}) },
        });
        io.out('recorded');
      }),
    );

  const action = o.command('action').description('Implementation actions');
  action
    .command('add')
    .requiredOption('--addressee <id>')
    .requiredOption('--title <title>')
    .requiredOption('--owner <owner>')
    .option('--due <date>', 'YYYY-MM-DD')
    .option('--due-session <type:year>', 'e.g. annual:2025')
    .option('--weight <n>')
    .action(async (opts: { addressee: string; title: string; owner: string; due?: string; dueSession?: string; weight?: string }) =>
      cli.withDb(async (d) => {
        const dueSession = parseDueSession(opts.dueSession);
        io.out(
          await addAction(d.db, actor(), {
            addresseeId: opts.addressee,
            input: {
              title: opts.title,
              owner: opts.owner,
              ...(opts.due ? { dueDate: opts.due } : {}),
              ...(dueSession ? { dueSession } : {}),
              ...(opts.weight ? { weight: Number(opts.weight) } : {}),
            },
          }),
        );
      }),
    );
  action
    .command('progress')
    .requiredOption('--id <actionId>')
    .requiredOption('--on <date>')
    .option('--progress <n>', '0-100')
    .option('--status <status>')
    .option('--reason <text>')
    .action(async (opts: { id: string; on: string; progress?: string; status?: string; reason?: string }) =>
      cli.withDb(async (d) => {
        await recordActionProgress(d.db, actor(), {
          id: opts.id,
          input: {
            on: opts.on,
            ...(opts.progress !== undefined ? { progress: Number(opts.progress) } : {}),
            ...(opts.status ? { status: opts.status } : {}),
            ...(opts.reason ? { justification: opts.reason } : {}),
          },
        });
        io.out('recorded');
      }),
    );

  const mandates = o.command('mandates').description('Mandates from decisions');
  mandates
    .command('suggest')
    .description("Suggest mandates from a decision's operative paragraphs")
    .argument('<decisionId>')
    .action(async (decisionId: string) => cli.withDb(async (d) => print(await suggestMandates(d.db, actor(), decisionId))));
  mandates
    .command('confirm')
    .argument('<mandateId>')
    .action(async (id: string) =>
      cli.withDb(async (d) => {
        await confirmMandate(d.db, actor(), { id, input: {} });
        io.out('confirmed');
      }),
    );
  mandates
    .command('reject')
    .argument('<mandateId>')
    .requiredOption('--reason <text>')
    .action(async (id: string, opts: { reason: string }) =>
      cli.withDb(async (d) => {
        await rejectMandate(d.db, actor(), { id, justification: opts.reason });
        io.out('rejected');
      }),
    );

  o.command('dashboard')
    .description('Dashboard data as JSON')
    .argument('<which>', 'rates-by-board, rates-by-entity, rates-by-review, overdue, stalled or load')
    .option('--as-of <date>')
    .option('--months <n>', 'for stalled', '6')
    .option('--from-year <year>', 'for load')
    .action(async (which: string, opts: { asOf?: string; months: string; fromYear?: string }) =>
      cli.withDb(async (d) => {
        const asOf = opts.asOf ? { asOf: opts.asOf } : {};
        if (which.startsWith('rates-by-')) print(await rates(d.db, { by: which.slice(9) as 'board' }));
        else if (which === 'overdue') print(await overdueActions(d.db, { limit: 200, ...asOf }));
        else if (which === 'stalled') print(await stalled(d.db, { limit: 200, months: Number(opts.months), ...asOf }));
        else if (which === 'load') print(await reportingLoad(d.db, opts.fromYear ? { fromYear: Number(opts.fromYear) } : {}));
        else {
          io.err(`unknown dashboard '${which}'`);
          throw new CliExit(2);
        }
      }),
    );

  o.command('export')
    .description(`Export a list as CSV or JSON: ${EXPORT_LISTS.join(', ')}`)
    .argument('<list>')
    .option('--format <format>', 'csv or json', 'csv')
    .option('-o, --output <file>')
    .action(async (list: string, opts: { format: string; output?: string }) =>
      cli.withDb(async (d) => {
        if (!(EXPORT_LISTS as readonly string[]).includes(list)) {
          io.err(`unknown list '${list}'; one of ${EXPORT_LISTS.join(', ')}`);
          throw new CliExit(2);
        }
        const text = serializeRows(await exportRows(d.db, list as ExportList), opts.format === 'json' ? 'json' : 'csv');
        if (opts.output) fs.writeFileSync(opts.output, text);
        else io.out(text);
      }),
    );

  o.command('import')
    .description('Preview a CSV of recommendations and statuses for a review; --commit applies it if no row has errors')
    .argument('<reviewId>')
    .argument('<file>')
    .option('--commit', 'apply after a clean preview')
    .action(async (reviewId: string, file: string, opts: { commit?: boolean }) =>
      cli.withDb(async (d) => {
        const preview = await previewImport(d.db, actor(), { reviewId, csv: fs.readFileSync(file, 'utf8') });
        for (const r of preview.rows)
          io.out(`row ${r.row}: ${r.errors.length ? `✗ ${r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}` : `✓ ${r.effects.join('; ') || 'no change'}`}`);
        io.out(`import ${preview.id}: ${preview.rowCount} rows, ${preview.errorCount} errors`);
        if (opts.commit) {
          if (preview.errorCount) io.err('not committed: fix the errors and import again');
          else io.out(`committed ${(await commitImport(d.db, actor(), preview.id)).rowCount} rows`);
        }
      }),
    );
}
