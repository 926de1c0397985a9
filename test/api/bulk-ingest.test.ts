// Bulk ingest (modules/ingest/bulk.ts) on both backends: several documents per transaction, each
// in its own savepoint — a failing file or command is rolled back alone and reported in order,
// the others are committed whole with their own audit events; a repeat is unchanged. Preparation
// on worker threads gives exactly the previews, enrichment and tokens of this thread.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/db.js';
import { systemActor } from '../../src/modules/access/actor.js';
import { loadReferenceData, JOINT_MEETING_REPORT } from '../../src/seed/demo.js';
import {
  ingestBulk,
  batchIsFull,
  type BulkOutcome,
  type BulkStats,
  type BulkSource,
} from '../../src/modules/ingest/bulk.js';
import { searchParagraphs } from '../../src/modules/search/queries.js';
import { runCommandBatch } from '../../src/modules/audit/command.js';
import { verifyChain } from '../../src/modules/audit/chain.js';
import { isAppError, errors } from '../../src/lib/errors.js';
import { IngestError } from '../../src/ingest/read.js';
import { prepareImport, type ImportPreview } from '../../src/ingest/pipeline.js';
import {
  inThread,
  knownEnrichmentOf,
  PreparePool,
  preparedContentHash,
  previewTexts,
} from '../../src/ingest/prepare-pool.js';
import {
  contentHash,
  expressionParagraphsOf,
  expressionTitleOf,
} from '../../src/modules/documents/content.js';
import { tokenText } from '../../src/search/tokenize.js';
import {
  detectLanguage,
  findAcronyms,
  findMentions,
  findReferences,
  findThemes,
} from '../../src/ingest/enrich.js';
import { newId } from '../../src/lib/ids.js';
import { searchIndexFor } from '../../src/search/index.js';
import { SYNTHETIC_EN_REPORT } from '../search/fixtures.js';

/** A synthetic report (labelled so) with `n` numbered paragraphs naming `word`. */
function report(title: string, n: number, word: string): Buffer {
  const lines = [`${title} (synthetic text for a bulk ingest test)`, '', '4 March 2024', ''];
  for (let p = 1; p <= n; p++)
    lines.push(`${p}. Delegations discussed ${word} under item ${p} of the agenda.`);
  return Buffer.from(lines.join('\n'));
}

const source = (name: string, bytes: Buffer, boards: string[] = ['unicef']): BulkSource => ({
  name,
  load: () => bytes,
  meta: { boardIds: boards, type: 'report', synthetic: true },
});

async function collect(it: AsyncIterable<BulkOutcome>): Promise<BulkOutcome[]> {
  const out: BulkOutcome[] = [];
  for await (const o of it) out.push(o);
  return out;
}

describe.each(BACKENDS)('bulk ingest on %s', (backend) => {
  let d: TestDatabase;
  const actor = systemActor('test');
  beforeAll(async () => {
    d = await createTestDatabase(backend);
    await loadReferenceData(d.db);
  });
  afterAll(async () => d.close());

  const paragraphsOf = async (documentId: string) =>
    Number(
      (
        await d.db
          .selectFrom('paragraphs as p')
          .innerJoin('expressions as e', 'e.id', 'p.expression_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('e.document_id', '=', documentId)
          .where('p.parent_id', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const imported = async () =>
    d.db.selectFrom('audit_events').select(['record_id']).where('action', '=', 'document.imported').execute();

  it('commits the good files of a batch, reports the bad ones in order, and stores nothing of them', async () => {
    const sources = [
      source('alpha.txt', report('Alpha report', 30, 'alphaword')),
      source('broken.pdf', Buffer.from('%PDF-1.7 broken')),
      // No board: the import command refuses a new document without one (at the import stage).
      source('orphan.txt', report('Orphan report', 12, 'orphanword'), []),
      source('gamma.txt', report('Gamma report', 20, 'gammaword')),
    ];
    const before = await searchIndexFor(d.db).count(d.db);
    const out = await collect(ingestBulk(d.db, actor, sources, { batchDocuments: 10 }));
    expect(out.map((o) => [o.source.name, o.ok ? o.result?.status : o.stage])).toEqual([
      ['alpha.txt', 'created'],
      ['broken.pdf', 'prepare'],
      ['orphan.txt', 'import'],
      ['gamma.txt', 'created'],
    ]);
    const broken = out[1]!;
    expect(!broken.ok && broken.error instanceof IngestError && broken.error.reason).toBe('corrupt');
    const orphan = out[2]!;
    expect(!orphan.ok && isAppError(orphan.error) && orphan.error.errors[0]?.path).toBe('/body/boardIds');
    const alpha = out[0]!;
    const gamma = out[3]!;
    if (!alpha.ok || !gamma.ok) throw new Error('unreachable');
    expect(await paragraphsOf(alpha.result!.documentId)).toBe(30);
    expect(await paragraphsOf(gamma.result!.documentId)).toBe(20);
    // Nothing of the refused document: no title, no paragraphs, no index entries, no audit event.
    const orphans = await d.db
      .selectFrom('documents')
      .select('id')
      .where('title', 'like', 'Orphan report%')
      .execute();
    expect(orphans).toEqual([]);
    expect(await searchIndexFor(d.db).count(d.db)).toBe(before + 50);
    expect((await imported()).map((e) => e.record_id).sort()).toEqual(
      [alpha.result!.documentId, gamma.result!.documentId].sort(),
    );
    // The audit chain is intact across the savepoints.
    const events = await d.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    const head = await d.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
    expect(verifyChain(events, head)).toEqual([]);
  });

  it('reports a repeat as unchanged, and splits large runs into several batches', async () => {
    const again = await collect(
      ingestBulk(d.db, actor, [source('alpha.txt', report('Alpha report', 30, 'alphaword'))], {
        batchDocuments: 1,
      }),
    );
    expect(again.map((o) => o.ok && o.result?.status)).toEqual(['unchanged']);
    const many = Array.from({ length: 7 }, (_, i) =>
      source(`many-${i}.txt`, report(`Many report ${i}`, 5, `many${i}`)),
    );
    const out = await collect(ingestBulk(d.db, actor, many, { batchParagraphs: 10, window: 3 }));
    expect(out.map((o) => o.source.name)).toEqual(many.map((m) => m.name));
    expect(out.every((o) => o.ok && o.result?.status === 'created')).toBe(true);
    expect((await imported()).length).toBe(2 + 7);
  });

  it('indexes alike the files a worker tokenized and those the writer tokenized', async () => {
    // Workers tokenizing ahead (whatever the writer does not claim first), and the writer
    // tokenizing every file.
    for (const [label, tokenizeAhead] of [
      ['ahead', true],
      ['writer', false],
    ] as const) {
      const pool = new PreparePool(1, { tokenizeAhead });
      try {
        const files = Array.from({ length: 6 }, (_, i) =>
          source(`split-${label}-${i}.txt`, report(`Split report ${label} ${i}`, 3 + i, `split${label}${i}`)),
        );
        const stats: BulkStats = { files: 0, writerTokenized: 0, writerWaitMs: 0 };
        const out = await collect(
          ingestBulk(d.db, actor, files, { preparer: pool, stats, batchDocuments: 2 }),
        );
        expect(out.every((o) => o.ok && o.result?.status === 'created')).toBe(true);
        for (let i = 0; i < files.length; i++) {
          const found = await searchParagraphs(d.db, actor, { q: `split${label}${i}`, limit: 50 });
          expect(found.items.length).toBe(3 + i);
        }
        expect(stats.files).toBe(6);
        if (tokenizeAhead) expect(stats.writerTokenized).toBeLessThanOrEqual(6);
        else expect(stats.writerTokenized).toBe(6);
      } finally {
        await pool.close();
      }
    }
  });

  it('annotates a file prepared on a worker exactly as one prepared here', async () => {
    // The joint meeting report: sub-points, speakers, mentions, references, acronyms. The same
    // text under two names (two documents), once through a worker and once in this thread.
    const text = fs.readFileSync(JOINT_MEETING_REPORT);
    const pool = new PreparePool(1);
    const ids: string[] = [];
    const docs: string[] = [];
    try {
      for (const [name, preparer] of [
        ['annotate-worker.txt', pool],
        ['annotate-here.txt', inThread],
      ] as const) {
        const [o] = await collect(
          ingestBulk(d.db, actor, [source(name, Buffer.concat([text, Buffer.from(`\n${name}\n`)]))], {
            preparer,
          }),
        );
        expect(o?.ok && o.result?.status).toBe('created');
        ids.push(o?.ok ? o.result!.expressionId : '');
        docs.push(o?.ok ? o.result!.documentId : '');
      }
    } finally {
      await pool.close();
    }
    const annotations = async (expressionId: string) => {
      const rows = async (table: string, columns: string) =>
        (
          await sql
            .raw(
              `select p.position, ${columns} from ${table} a join paragraphs p on p.id = a.paragraph_id
               where p.expression_id = '${expressionId}' order by p.position, ${columns}`,
            )
            .execute(d.db)
        ).rows;
      return {
        languages: await rows('paragraph_annotations', 'a.language'),
        mentions: await rows('paragraph_mentions', 'a.kind, a.ref_id, a.surface'),
        references: await rows('paragraph_references', 'a.kind, a.ref, a.surface'),
        themes: await rows('paragraph_themes', 'a.theme'),
        acronyms: await rows('acronyms', 'a.short_form, a.long_form'),
        statements: await rows('statements', 'a.speaker_role, a.entity_id'),
      };
    };
    const worker = await annotations(ids[0]!);
    expect(worker.mentions.length).toBeGreaterThan(20);
    expect(worker.acronyms.length).toBeGreaterThan(0);
    expect(worker.statements.length).toBeGreaterThan(5);
    expect(worker).toEqual(await annotations(ids[1]!));
    // And the index finds both alike.
    const found = await searchParagraphs(d.db, actor, { q: '联检组', limit: 100 });
    const inDocument = (id: string) => found.items.filter((i) => i.documentId === id).map((i) => i.number);
    expect(inDocument(docs[0]!).length).toBeGreaterThan(5);
    expect(inDocument(docs[0]!)).toEqual(inDocument(docs[1]!));
  });

  it('stops scheduling when asked and commits what was prepared', async () => {
    const files = Array.from({ length: 6 }, (_, i) =>
      source(`stop-${i}.txt`, report(`Stop report ${i}`, 4, `stop${i}`)),
    );
    let seen = 0;
    const out: BulkOutcome[] = [];
    for await (const o of ingestBulk(d.db, actor, files, {
      window: 2,
      batchDocuments: 1,
      stopRequested: () => seen >= 1,
    })) {
      out.push(o);
      seen++;
    }
    expect(out.length).toBeGreaterThanOrEqual(1);
    expect(out.length).toBeLessThan(6);
    expect(out.every((o) => o.ok && o.result?.status === 'created')).toBe(true);
    const stored = await d.db
      .selectFrom('documents')
      .select('id')
      .where('title', 'like', 'Stop report%')
      .execute();
    expect(stored).toHaveLength(out.length);
  });

  it('runCommandBatch: a refused or failing command is rolled back alone', async () => {
    const mark = async (name: string) => {
      const rows = await d.db
        .selectFrom('audit_events')
        .select('record_id')
        .where('action', '=', name)
        .execute();
      return rows.map((r) => r.record_id);
    };
    const results = await runCommandBatch(d.db, actor, [
      {
        name: 'test.one',
        authorize: () => {},
        run: async (tx) => {
          tx.audit({ action: 'test.batch', recordType: 'test', recordId: 'one' });
          return 1;
        },
      },
      {
        name: 'test.refused',
        authorize: () => {
          throw errors.forbidden('not this one');
        },
        run: async () => 2,
      },
      {
        name: 'test.failing',
        authorize: () => {},
        run: async (tx) => {
          tx.audit({ action: 'test.batch', recordType: 'test', recordId: 'three' });
          throw errors.conflict('fails after writing');
        },
      },
      {
        name: 'test.four',
        authorize: () => {},
        run: async (tx) => {
          tx.audit({ action: 'test.batch', recordType: 'test', recordId: 'four' });
          return 4;
        },
      },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, true]);
    expect((await mark('test.batch')).sort()).toEqual(['four', 'one']);
  });
});

describe('preparation on worker threads', () => {
  let pool: PreparePool;
  beforeAll(() => {
    pool = new PreparePool(1);
  });
  afterAll(async () => pool.close());

  it('gives the same previews as this thread, and hands over the enrichment and tokens with them', async () => {
    const files: [string, Buffer][] = [
      ['synthetic-en.txt', Buffer.from(SYNTHETIC_EN_REPORT)],
      ['joint-meeting-2024.zh.txt', fs.readFileSync(JOINT_MEETING_REPORT)],
    ];
    for (const [name, bytes] of files) {
      const here = await inThread.prepare(name, bytes);
      const there = await pool.prepare(name, bytes);
      expect(there).toEqual(here);
      // The worker's content hash is the one this thread computes for the same language version.
      const title = expressionTitleOf(there);
      expect(preparedContentHash(there, title)).toBe(
        contentHash({ title, paragraphs: expressionParagraphsOf(here) }),
      );
      expect(preparedContentHash(there, 'another title')).toBeUndefined();
      // Handed to the write path with the preview, paragraphs and sub-points alike, in the order
      // they are stored: what computing here gives.
      const texts = there.paragraphs.flatMap((p) => [p.text, ...p.subpoints.map((s) => s.text)]);
      expect(texts.length).toBeGreaterThan(there.paragraphs.length);
      // Nothing else to prepare: the worker tokenizes the file next, and the tokens follow.
      await vi.waitFor(() => expect(knownEnrichmentOf(there)[0]!.tokens).toBeDefined());
      expect(await pool.settleTokens([there])).toBe(0);
      const known = knownEnrichmentOf(there);
      expect(known).toHaveLength(texts.length);
      texts.forEach((text, i) => {
        const k = known[i]!;
        expect(k.language).toBe(detectLanguage(text, there.language));
        expect(k.mentions).toEqual(findMentions(text));
        expect(k.references).toEqual(findReferences(text));
        expect(k.acronyms).toEqual(findAcronyms(text));
        expect(k.themes).toEqual(findThemes(text, findReferences(text)));
        expect(k.tokens).toBe(tokenText(text));
      });
      // Prepared here, the preview carries all but a sub-point's language and acronyms and the tokens.
      const local = knownEnrichmentOf(here);
      expect(local.map((k) => k.tokens)).toEqual(texts.map(() => undefined));
      expect(local.filter((k) => k.language === undefined)).toHaveLength(
        texts.length - there.paragraphs.length,
      );
    }
  });

  it('takes bytes handed over without a copy, and copies those that are not', async () => {
    const bytes = () => Buffer.from(new Uint8Array(Buffer.from(SYNTHETIC_EN_REPORT)).buffer);
    const here = await inThread.prepare('synthetic-en.txt', bytes());
    const kept = bytes();
    expect(await pool.prepare('synthetic-en.txt', kept)).toEqual(here);
    expect(kept.byteLength).toBeGreaterThan(0);
    const handed = bytes();
    expect(await pool.prepare('synthetic-en.txt', handed, {}, { handOver: true })).toEqual(here);
    expect(handed.buffer.byteLength).toBe(0);
    // A view of part of a larger buffer is copied even when handed over.
    const pooled = Buffer.concat([Buffer.from('x'), bytes()]).subarray(1);
    expect(await pool.prepare('synthetic-en.txt', pooled, {}, { handOver: true })).toEqual(here);
    expect(pooled.byteLength).toBeGreaterThan(0);
  });

  it("settles every file's tokens once: made by the worker, or by the writer before the batch", async () => {
    const files = Array.from({ length: 8 }, (_, i) => report(`Claim report ${i}`, 40, `claimword${i}`));
    // Sent together: the worker prepares all eight (fewer than TOKEN_LEAD_FILES) before it tokenizes any (oldest first), so
    // the writer, claiming from the newest, takes some while the worker is on others.
    const previews = await Promise.all(files.map((f, i) => pool.prepare(`claim-${i}.txt`, f)));
    const tokensOf = (p: ImportPreview) => knownEnrichmentOf(p).map((k) => k.tokens);
    const comeAlready = previews.filter((p) => tokensOf(p)[0] !== undefined).length;
    const writer = await pool.settleTokens([...previews].reverse());
    // The writer made the tokens of those it claimed; none of those that had come.
    expect(writer).toBeGreaterThanOrEqual(0);
    expect(writer).toBeLessThanOrEqual(previews.length - comeAlready);
    // Every file has its tokens now, whoever made them: those of tokenText over each text.
    for (const p of previews) expect(tokensOf(p)).toEqual(p.paragraphs.map((x) => tokenText(x.text)));
    // Settled once: asking again tokenizes nothing and waits for nothing.
    expect(await pool.settleTokens(previews)).toBe(0);

    // A pool whose workers never tokenize leaves every file to the writer.
    const writerOnly = new PreparePool(1, { tokenizeAhead: false });
    try {
      const mine = await Promise.all(
        files.slice(0, 3).map((f, i) => writerOnly.prepareFile(`mine-${i}.txt`, f)),
      );
      expect(await writerOnly.settleTokens(mine)).toBe(3);
      for (const file of mine) {
        const p = file.open();
        expect(tokensOf(p)).toEqual(previewTexts(p).map(tokenText));
      }
      expect(await writerOnly.settleTokens(mine)).toBe(0);
    } finally {
      await writerOnly.close();
    }
  });

  it('keeps a prepared file unopened until it is written, and opens it as this thread prepares it', async () => {
    const bytes = report('Unopened report', 30, 'unopenedword');
    const here = await inThread.prepare('unopened.txt', bytes);
    const file = await pool.prepareFile('unopened.txt', bytes);
    // What batching needs is there without opening the file.
    expect(file.paragraphs).toBe(here.paragraphs.length);
    expect(file.language).toBe(here.language);
    // Each opening gives a new preview equal to this thread's; the worker's tokens, once they
    // come (nothing else to prepare: it tokenizes the file next), reach every opened preview.
    const a = file.open();
    await vi.waitFor(() => expect(knownEnrichmentOf(a)[0]!.tokens).toBeDefined());
    expect(await pool.settleTokens([file])).toBe(0);
    const b = file.open();
    expect(a).not.toBe(b);
    expect(a).toEqual(here);
    expect(b).toEqual(here);
    for (const p of [a, b])
      expect(knownEnrichmentOf(p).map((k) => k.tokens)).toEqual(
        p.paragraphs.flatMap((x) => [x.text, ...x.subpoints.map((sp) => sp.text)]).map(tokenText),
      );
    // Settling a preview opened from the file settles the file: nothing is left to the writer.
    expect(await pool.settleTokens([a])).toBe(0);
  });

  it('tokenizes the files the writer takes next before preparing more, once enough are prepared ahead', async () => {
    // With one prepared file enough ahead of the writer (which has written nothing yet), the worker
    // tokenizes each file right after preparing it: the tokens of every file come before the next
    // file's preview, as the messages come in order.
    const eager = new PreparePool(1, { tokenLead: 1 });
    try {
      const files = Array.from({ length: 6 }, (_, i) => report(`Lead report ${i}`, 20, `leadword${i}`));
      const prepared = await Promise.all(files.map((f, i) => eager.prepareFile(`lead-${i}.txt`, f)));
      const opened = prepared.map((f) => f.open());
      for (const p of opened.slice(0, 5))
        expect(knownEnrichmentOf(p).map((k) => k.tokens)).toEqual(p.paragraphs.map((x) => tokenText(x.text)));
      expect(await eager.settleTokens(prepared.slice(0, 5))).toBe(0);
    } finally {
      await eager.close();
    }
  });

  it('leaves to the writer the tokens of a pool closed meanwhile, without waiting for them', async () => {
    const closing = new PreparePool(1);
    const files = Array.from({ length: 6 }, (_, i) => report(`Closing report ${i}`, 200, `closeword${i}`));
    const previews = await Promise.all(files.map((f, i) => closing.prepare(`closing-${i}.txt`, f)));
    // Closed while the worker tokenizes: whatever it had claimed will not come.
    await closing.close();
    const missing = previews.filter((p) => knownEnrichmentOf(p)[0]!.tokens === undefined).length;
    expect(await closing.settleTokens(previews)).toBe(missing);
    for (const p of previews)
      expect(knownEnrichmentOf(p).map((k) => k.tokens)).toEqual(previewTexts(p).map(tokenText));
  });

  it('reports a bad file with the same error as this thread', async () => {
    const bytes = Buffer.from('%PDF-1.7 broken');
    const here = await prepareImport('bad.pdf', bytes).catch((e: unknown) => e);
    const there = await pool.prepare('bad.pdf', bytes).catch((e: unknown) => e);
    expect(there).toBeInstanceOf(IngestError);
    expect(here).toBeInstanceOf(IngestError);
    expect([(there as IngestError).reason, (there as IngestError).message]).toEqual([
      (here as IngestError).reason,
      (here as IngestError).message,
    ]);
  });
});

describe('batch sizes', () => {
  it('start at an eighth of the limits and double up to them', () => {
    const limits = { paragraphs: 5000, documents: 50 };
    const sizes: number[] = [];
    // Files of 200 paragraphs: batches close at 625, 1250, 2500 and then 5000 paragraphs.
    for (let committed = 0; committed < 5; committed++) {
      let files = 1;
      while (!batchIsFull(committed, files, files * 200, limits)) files++;
      sizes.push(files);
    }
    expect(sizes).toEqual([4, 7, 13, 25, 25]);
    // Small files: the document limit ramps the same way.
    expect(batchIsFull(0, 7, 70, limits)).toBe(true);
    expect(batchIsFull(0, 6, 60, limits)).toBe(false);
    expect(batchIsFull(3, 49, 490, limits)).toBe(false);
    expect(batchIsFull(3, 50, 500, limits)).toBe(true);
  });
});

describe('record ids', () => {
  it('are distinct UUID v7 values that sort in creation order', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keep their order when more are made in a millisecond than the counter holds, and carry the time', () => {
    const before = Date.now();
    // Far more than 4 096 per millisecond on any machine that makes them this fast.
    const ids = Array.from({ length: 200_000 }, () => newId());
    const after = Date.now();
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++)
      if (!(ids[i - 1]! < ids[i]!)) expect(`${ids[i - 1]} < ${ids[i]}`).toBe('in order');
    const ms = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms(ids[0]!)).toBeGreaterThanOrEqual(before - 1);
    // The time moves on by one when a millisecond's counter runs out: never far ahead of the clock.
    expect(ms(ids.at(-1)!)).toBeLessThanOrEqual(after + ids.length / 4096 + 1);
  });
});
