// `concord ingest FILE…` (preview with --preview, otherwise import) and `concord reindex`. Files
// are prepared ahead (on worker threads when there are several) and committed several documents
// per transaction, each document in its own savepoint (modules/ingest/bulk.ts): a document is
// whole or absent. Ctrl-C commits the files already prepared and stops (a second Ctrl-C loses only
// the open transaction); running the same command again resumes, since files already imported are
// reported unchanged.

/** Below this many bytes in all, files are prepared on this thread (starting workers costs more). */
const PARALLEL_MIN_BYTES = 256 * 1024;
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { CliExit, type CliContext } from '../../cli/program.js';
import { systemActor } from '../access/actor.js';
import { isAppError } from '../../lib/errors.js';
import { IngestError } from '../../ingest/read.js';
import { isLanguage, type ImportPreview } from '../../ingest/pipeline.js';
import { inThread, PreparePool } from '../../ingest/prepare-pool.js';
import type { Language } from '../../http/schemas.js';
import { ingestBulk, type BulkSource } from './bulk.js';
import { DOCUMENT_TYPES, type DocumentType } from '../documents/schema.js';
import { ACCESS_LEVELS, type AccessLevel } from '../access/visibility.js';
import type { ImportMetadata } from '../documents/commands/importDocument.js';
import { reindexAll } from '../../search/reindex.js';
import { ingestMaxBytes } from './routes.js';

interface IngestOptions {
  preview?: boolean;
  board?: string[];
  type?: string;
  session?: string;
  accessLevel?: string;
  language?: string;
  document?: string;
  title?: string;
  json?: boolean;
  progress?: boolean;
}

function bar(enabled: boolean, label: string) {
  if (!enabled) return null;
  return new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} {unit} | {file}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
}

// The options of `concord ingest` that set the fields an import checks, by the field's path in
// the import request: an error names what the user typed.
const OPTION_OF_FIELD: Record<string, string> = {
  boardIds: '--board',
  type: '--type',
  sessionId: '--session',
  accessLevel: '--access-level',
  language: '--language',
  documentId: '--document',
  title: '--title',
};

/** `/body/boardIds/0` → `--board`; a field no option sets keeps its name (`symbol`). */
function optionOf(fieldPath: string): string {
  const field = fieldPath.replace(/^\/body\//, '').split('/')[0]!;
  return OPTION_OF_FIELD[field] ?? field;
}

function describePreview(p: ImportPreview): string[] {
  const lines = [
    `${p.fileName}: ${p.format}, ${p.encoding}, ${p.language}; title: ${p.title ?? '(none)'}; date: ${p.date ?? '(none)'}; symbol: ${p.symbol ?? '(none)'}`,
    `  ${p.paragraphs.length} paragraphs, ${p.paragraphs.reduce((n, x) => n + x.subpoints.length, 0)} sub-points, ${p.droppedLines} header/footer/page-number lines dropped`,
  ];
  for (const w of p.warnings) lines.push(`  warning: ${w}`);
  for (const para of p.paragraphs) {
    const notes = [
      para.subpoints.length ? `${para.subpoints.length} sub-points` : '',
      para.crossesPageBreak ? 'joined across a page break' : '',
      para.speakers.length ? `speakers: ${para.speakers.map((s) => s.role).join('; ')}` : '',
      para.references.length ? `refs: ${para.references.map((r) => `${r.kind} ${r.ref}`).join(', ')}` : '',
      para.acronyms.length
        ? `defines: ${para.acronyms.map((a) => `${a.shortForm} = ${a.longForm}`).join(', ')}`
        : '',
    ].filter(Boolean);
    if (notes.length || para.warnings.length)
      lines.push(
        `  ¶${para.number}: ${[...notes, ...para.warnings.map((w) => `warning: ${w}`)].join(' | ')}`,
      );
  }
  return lines;
}

export function register(program: Command, cli: CliContext): void {
  program
    .command('ingest')
    .description(
      'Import board documents (.txt, .pdf, .docx, .html; UTF-8, UTF-16, GB18030); --preview shows the structure only',
    )
    .argument('<files...>', 'files to import')
    .option('--preview', 'show the structure found and the warnings; store nothing')
    .option(
      '--board <ids>',
      'boards the documents belong to, comma-separated or repeated (required for a new document)',
      (v: string, prev: string[]) => [
        ...prev,
        ...v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ],
      [] as string[],
    )
    .option('--type <type>', `document type (${DOCUMENT_TYPES.join(', ')})`, 'report')
    .option('--session <id>', 'the session the documents belong to')
    .option('--access-level <level>', `access level (${ACCESS_LEVELS.join(', ')})`)
    .option('--language <code>', 'the language of the files (default: detected)')
    .option('--document <id>', 'add the file as a version of this document')
    .option('--title <title>', 'the document title (default: found in the file)')
    .option('--json', 'print results as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (files: string[], opts: IngestOptions) => {
      const { io } = cli;
      if (opts.type && !(DOCUMENT_TYPES as readonly string[]).includes(opts.type)) {
        io.err(`ingest: unknown document type '${opts.type}'`);
        throw new CliExit(2);
      }
      if (opts.accessLevel && !(ACCESS_LEVELS as readonly string[]).includes(opts.accessLevel)) {
        io.err(`ingest: unknown access level '${opts.accessLevel}'`);
        throw new CliExit(2);
      }
      if (opts.language && !isLanguage(opts.language)) {
        io.err(`ingest: unknown language '${opts.language}'`);
        throw new CliExit(2);
      }
      const meta: ImportMetadata = {
        type: opts.type as DocumentType,
        ...(opts.board?.length ? { boardIds: opts.board } : {}),
        ...(opts.session ? { sessionId: opts.session } : {}),
        ...(opts.accessLevel ? { accessLevel: opts.accessLevel as AccessLevel } : {}),
        ...(opts.document ? { documentId: opts.document } : {}),
        ...(opts.title ? { title: opts.title } : {}),
      };
      const maxBytes = ingestMaxBytes(cli.io.env);
      const sizes = files.map((f) => (fs.existsSync(f) ? fs.statSync(f).size : 0));
      const showBar =
        opts.progress !== false &&
        !opts.json &&
        Boolean(process.stderr.isTTY) &&
        (files.length > 1 || sizes.reduce((a, b) => a + b, 0) > 2_000_000);
      let interrupted = false;
      const onSigint = () => {
        if (interrupted) process.exit(130); // a second Ctrl-C: the open transaction is lost, nothing partial stays
        interrupted = true;
        io.err('\ninterrupt: committing the files already prepared; run the same command again to resume');
      };
      process.on('SIGINT', onSigint);
      const results: unknown[] = [];
      let failed = 0;
      const problem: { unexpected?: Error } = {};
      // Several files: prepared on worker threads while this thread writes (ingest/prepare-pool.ts).
      const preparer =
        files.length > 1 && sizes.reduce((a, b) => a + b, 0) >= PARALLEL_MIN_BYTES
          ? new PreparePool()
          : inThread;
      try {
        await cli.withDb(async (d) => {
          const progress = bar(showBar, opts.preview ? 'preview' : 'ingest');
          progress?.start(files.length, 0, { unit: 'files', file: '' });
          const sources = files.map((file): BulkSource => ({
            name: file,
            load: () => fs.readFileSync(file),
            opts: { maxBytes, ...(opts.language ? { language: opts.language as Language } : {}) },
            meta,
          }));
          let done = 0;
          for await (const o of ingestBulk(d.db, systemActor('cli'), sources, {
            preparer,
            previewOnly: Boolean(opts.preview),
            stopRequested: () => interrupted,
          })) {
            progress?.update(++done, { file: path.basename(o.source.name) });
            if (o.ok) {
              if (o.result === null) {
                results.push(o.preview);
                if (!opts.json) for (const l of describePreview(o.preview)) io.out(l);
                continue;
              }
              const r = o.result;
              results.push(r);
              if (!opts.json)
                io.out(
                  `${r.status === 'unchanged' ? 'unchanged' : r.documentCreated ? 'imported' : r.status}: ${r.fileName} -> document ${r.documentId} (${o.language}, revision ${r.revision}, ${r.paragraphs} paragraphs, ${r.subpoints} sub-points)`,
                );
              continue;
            }
            failed++;
            const e = o.error;
            if (o.stage === 'read')
              io.err(
                `ingest: ${o.source.name}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
              );
            else if (e instanceof IngestError) io.err(`ingest: ${e.message} (${e.reason}); nothing stored`);
            else if (isAppError(e))
              io.err(
                `ingest: ${path.basename(o.source.name)}: ${e.errors.length ? e.errors.map((x) => `${optionOf(x.path)}: ${x.message}`).join('; ') : (e.detail ?? e.title)}; nothing stored`,
              );
            else problem.unexpected ??= e instanceof Error ? e : new Error(String(e));
          }
          progress?.update(files.length, { file: '' });
          progress?.stop();
        });
      } finally {
        process.off('SIGINT', onSigint);
        await preparer.close();
      }
      if (problem.unexpected) throw problem.unexpected;
      if (opts.json) io.out(JSON.stringify(results, null, 2));
      if (interrupted && results.length + failed < files.length) {
        io.err(
          `interrupted after ${results.length + failed} of ${files.length} files; run the same command again to resume`,
        );
        throw new CliExit(130);
      }
      if (failed) throw new CliExit(2);
    });

  program
    .command('reindex')
    .description('Rebuild the search index and paragraph annotations from the current language versions')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: { progress?: boolean }) => {
      await cli.withDb(async (d) => {
        const progress = bar(opts.progress !== false && Boolean(process.stderr.isTTY), 'reindex');
        let started = false;
        const r = await reindexAll(d.db, systemActor('cli'), (done, total) => {
          if (!started) progress?.start(total, 0, { unit: 'paragraphs', file: '' });
          started = true;
          progress?.update(done);
        });
        progress?.stop();
        cli.io.out(`reindexed ${r.entries} paragraphs of ${r.expressions} language versions`);
      });
    });
}
