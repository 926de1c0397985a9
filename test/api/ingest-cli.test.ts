// `concord ingest`, `concord search` and `concord reindex` against a SQLite file, including Ctrl-C
// in the middle of a multi-file import: no partial document stays, and running again resumes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { openDatabase } from '../../src/db/database.js';
import { JOINT_MEETING_REPORT } from '../../src/seed/demo.js';
import { searchIndexFor } from '../../src/search/index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-ingest-'));
const dbFile = path.join(dir, 'c.db');
const env = {
  ...process.env,
  DATABASE_URL: `sqlite:${dbFile}`,
  LOG_LEVEL: 'silent',
  CONCORD_SEED_DEMO: 'false',
};

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A synthetic report (labelled so) of `n` numbered paragraphs. */
function syntheticReport(i: number, n: number): string {
  const lines = [
    `Synthetic report number ${i} (synthetic text for an interruption test)`,
    '',
    '3 March 2024',
    '',
  ];
  for (let p = 1; p <= n; p++)
    lines.push(
      `${p}. Delegations of report ${i} discussed item ${p} on governance, oversight and the Funding Compact.`,
    );
  return lines.join('\n');
}

describe('concord ingest / search / reindex (SQLite file)', () => {
  beforeAll(async () => {
    expect((await cli(['seed', 'demo'])).code).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('previews, imports, reports a repeat as unchanged, and searches', async () => {
    const preview = await cli(['ingest', '--preview', JOINT_MEETING_REPORT]);
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('32 paragraphs, 7 sub-points');
    expect(preview.out).toContain('¶10: speakers: UNFPA Executive Director');
    // The demo seed imported this very file already: a repeat is unchanged.
    const again = await cli(['ingest', '--board', 'undp-unfpa-unops', JOINT_MEETING_REPORT]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^unchanged: joint-meeting-2024\.zh\.txt/);
    const found = await cli(['search', '联检组', '--limit', '20', '--json']);
    expect(found.code).toBe(0);
    expect(
      JSON.parse(found.out)
        .items.map((i: { number: string }) => i.number)
        .sort(),
    ).toEqual(['21', '25.3', '25.4', '25.7', '29', '30', '4', '7', '8'].sort());
    const text = await cli(['search', '治理', '--speaker', 'delegations']);
    expect(text.out).toContain('[治理]');
  });

  it('names a bad file and its reason, exits 2 and stores nothing', async () => {
    const bad = path.join(dir, 'bad.pdf');
    fs.writeFileSync(bad, '%PDF-1.7 broken');
    const res = await cli(['ingest', '--board', 'undp-unfpa-unops', bad]);
    expect(res.code).toBe(2);
    expect(res.err).toContain('bad.pdf: the PDF cannot be read');
    expect((await cli(['search', 'broken'])).out).toBe('no matches');
  });

  it('names the option to fix when a new document lacks what it needs', async () => {
    const note = path.join(dir, 'note.txt');
    fs.writeFileSync(note, 'Informal note\n\n1. The Board met the bureau on oversight.\n');
    const missing = await cli(['ingest', note]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(
      'ingest: note.txt: --board: is required to import note.txt as a new document; nothing stored',
    );
    const unknown = await cli(['ingest', '--board', 'no-such-board', note]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("ingest: note.txt: --board: unknown board 'no-such-board'; nothing stored");
    expect((await cli(['search', 'bureau'])).out).toBe('no matches');
  });

  it('rebuilds the index with reindex', async () => {
    const res = await cli(['reindex']);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^reindexed 39 paragraphs of 1 language versions/);
    const d = await openDatabase(`sqlite:${dbFile}`);
    expect(await searchIndexFor(d.db).count(d.db)).toBe(39);
    await d.close();
  });

  it('stops cleanly on Ctrl-C in a multi-file import and resumes when run again', async () => {
    const files: string[] = [];
    for (let i = 1; i <= 40; i++) {
      const f = path.join(dir, `synthetic-${String(i).padStart(2, '0')}.txt`);
      fs.writeFileSync(f, syntheticReport(i, 400));
      files.push(f);
    }
    const args = ['--import', 'tsx', 'src/cli/main.ts', 'ingest', '--board', 'unicef', ...files];
    const first = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, args, { env, cwd: path.resolve(__dirname, '..', '..') });
      let out = '';
      let err = '';
      let sent = false;
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (!sent && out.includes('imported:')) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      child.on('close', (code) => resolve({ code, out, err }));
    });
    expect(first.code).toBe(130);
    expect(first.err).toContain('run the same command again to resume');
    const importedFirst = first.out.split('\n').filter((l) => l.startsWith('imported:')).length;
    expect(importedFirst).toBeGreaterThan(0);
    expect(importedFirst).toBeLessThan(40);

    // Every document present is whole: its version, all 400 paragraphs, all index entries.
    const d = await openDatabase(`sqlite:${dbFile}`);
    const docs = await d.db
      .selectFrom('documents as doc')
      .innerJoin('expressions as e', 'e.document_id', 'doc.id')
      .select(['doc.id', 'e.id as expression_id'])
      .where('doc.title', 'like', 'Synthetic report number%')
      .execute();
    expect(docs).toHaveLength(importedFirst);
    for (const doc of docs) {
      const n = await d.db
        .selectFrom('paragraphs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('expression_id', '=', doc.expression_id)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(400);
    }
    expect(await searchIndexFor(d.db).count(d.db)).toBe(39 + 400 * importedFirst);
    await d.close();

    const second = await cli(['ingest', '--board', 'unicef', ...files]);
    expect(second.code).toBe(0);
    const lines = second.out.split('\n');
    expect(lines.filter((l) => l.startsWith('unchanged:'))).toHaveLength(importedFirst);
    expect(lines.filter((l) => l.startsWith('imported:'))).toHaveLength(40 - importedFirst);
    const found = await cli(['search', '"report 40"', '--json']);
    expect(JSON.parse(found.out).items.length).toBeGreaterThan(0);
  }, 120_000);

  it('stops quietly when the reader of its output goes away (concord search … | head)', async () => {
    const args = ['--import', 'tsx', 'src/cli/main.ts', 'search', 'delegations', '--limit', '100'];
    const result = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, args, { env, cwd: path.resolve(__dirname, '..', '..') });
      let err = '';
      // Like `head -1`: read the first chunk, then close the pipe. The 40 reports of the test above
      // make 100 hits for 'delegations', far more output than a pipe holds, so later writes fail.
      child.stdout.once('data', () => child.stdout.destroy());
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(result.err).not.toContain('EPIPE');
    expect(result.code).toBe(0);
  }, 60_000);
});
