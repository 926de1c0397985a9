// POST /api/documents/import on both backends: two phases (preview writes nothing, commit is
// atomic per document), idempotency and versions, every reader and encoding, and bad input that
// gets a problem naming the file and stores nothing.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/db.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { JOINT_MEETING_REPORT } from '../../src/seed/demo.js';
import { searchIndexFor } from '../../src/search/index.js';
import { SYNTHETIC_EN_REPORT, docx, encryptedPdf, multipart, pdf } from '../search/fixtures.js';

const SAMPLE = fs.readFileSync(JOINT_MEETING_REPORT);
const SAMPLE_TEXT = SAMPLE.toString('utf8');

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

/** GB18030 bytes of a text, by inverting the decoder over the characters the text uses. */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, Buffer>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const b = Buffer.from([hi, lo]);
      const ch = decoder.decode(b);
      if (ch.length === 1 && !table.has(ch)) table.set(ch, b);
    }
  const out: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(Buffer.from(ch, 'latin1'));
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no two-byte GB18030 code for ${ch}`);
      out.push(b);
    }
  }
  return Buffer.concat(out);
}

describe.each(BACKENDS)('document import API on %s', (backend) => {
  let t: TestApp;
  const previousLimit = process.env.CONCORD_INGEST_MAX_BYTES;
  beforeAll(async () => {
    process.env.CONCORD_INGEST_MAX_BYTES = '200000';
    t = await createTestApp(backend);
  });
  afterAll(async () => {
    if (previousLimit === undefined) delete process.env.CONCORD_INGEST_MAX_BYTES;
    else process.env.CONCORD_INGEST_MAX_BYTES = previousLimit;
    await t.close();
  });

  const post = (
    files: { name: string; bytes: Buffer | string }[],
    fields: Record<string, string> = {},
    as = 'secretariat',
  ) => {
    const body = multipart(files, fields);
    return t.call({
      method: 'POST',
      url: '/api/documents/import',
      payload: body.payload,
      headers: body.headers,
      ...(as === 'public' ? {} : { as }),
    });
  };
  const counts = async () => {
    const db = t.database.db;
    const n = async (
      table:
        | 'documents'
        | 'expressions'
        | 'paragraphs'
        | 'statements'
        | 'audit_events'
        | 'ingest_files'
        | 'paragraph_mentions',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      documents: await n('documents'),
      expressions: await n('expressions'),
      paragraphs: await n('paragraphs'),
      statements: await n('statements'),
      audit: await n('audit_events'),
      files: await n('ingest_files'),
      mentions: await n('paragraph_mentions'),
      index: await searchIndexFor(db).count(db),
    };
  };

  it('requires a signed-in secretariat of the boards (401, 403)', async () => {
    const file = [{ name: 'r.txt', bytes: SAMPLE }];
    expect((await post(file, {}, 'public')).statusCode).toBe(401);
    expect((await post(file, { boardIds: 'undp-unfpa-unops' }, 'memberDelegate')).statusCode).toBe(403);
    expect((await post(file, { boardIds: 'undp-unfpa-unops' }, 'unicefSecretariat')).statusCode).toBe(403);
  });

  it('previews the structure with warnings and writes nothing', async () => {
    const before = await counts();
    const res = await post([{ name: 'joint-meeting-2024.zh.txt', bytes: SAMPLE }], {
      boardIds: 'undp-unfpa-unops',
    });
    expect(res.statusCode).toBe(200);
    const [p] = res.json().files;
    expect(p).toMatchObject({
      format: 'txt',
      encoding: 'utf-8',
      language: 'zh',
      date: '2024-05-31',
      symbol: null,
    });
    expect(p.paragraphs).toHaveLength(32);
    expect(p.paragraphs[24].subpoints).toHaveLength(7);
    expect(
      p.paragraphs
        .filter((x: { crossesPageBreak: boolean }) => x.crossesPageBreak)
        .map((x: { number: string }) => x.number),
    ).toEqual(expect.arrayContaining(['7', '13', '19', '29']));
    expect(p.paragraphs[9].speakers[0]).toMatchObject({
      role: 'UNFPA Executive Director',
      entityId: 'unfpa',
    });
    expect(p.paragraphs[3].acronyms).toEqual([{ shortForm: '联检组', longForm: '联合国联合检查组' }]);
    expect(Array.isArray(p.paragraphs[0].warnings)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('commits atomically; the same file again is unchanged; a changed file is a new revision', async () => {
    const before = await counts();
    const fields = { boardIds: 'undp-unfpa-unops', mode: 'commit', type: 'report' };
    const first = await post([{ name: 'jm.txt', bytes: SAMPLE }], fields);
    expect(first.statusCode).toBe(201);
    const r1 = first.json().files[0];
    expect(r1).toMatchObject({
      status: 'created',
      documentCreated: true,
      revision: 1,
      paragraphs: 32,
      subpoints: 7,
    });
    const after1 = await counts();
    expect(after1.documents).toBe(before.documents + 1);
    expect(after1.paragraphs).toBe(before.paragraphs + 39);
    expect(after1.index).toBe(before.index + 39);
    expect(after1.files).toBe(before.files + 1);

    const again = await post([{ name: 'jm.txt', bytes: SAMPLE }], fields);
    expect(again.statusCode).toBe(200);
    expect(again.json().files[0]).toMatchObject({
      status: 'unchanged',
      documentId: r1.documentId,
      revision: 1,
    });
    expect(await counts()).toEqual(after1);

    const changed = SAMPLE_TEXT.replace(
      '联检组的报告在这方面提供了有用的指导',
      '联检组的报告在这方面提供了非常有用的指导',
    );
    const second = await post([{ name: 'jm.txt', bytes: changed }], fields);
    expect(second.statusCode).toBe(201);
    expect(second.json().files[0]).toMatchObject({
      status: 'revised',
      documentId: r1.documentId,
      revision: 2,
      documentCreated: false,
    });
    const detail = (
      await t.call({ method: 'GET', url: `/api/documents/${r1.documentId}`, as: 'secretariat' })
    ).json();
    expect(
      detail.expressions.map((e: { revision: number; isCurrent: boolean }) => [e.revision, e.isCurrent]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    // The index follows the current revision only.
    const after2 = await counts();
    expect(after2.index).toBe(after1.index);
    const hits = (
      await t.call({ method: 'GET', url: `/api/search?q=${encodeURIComponent('非常有用')}` })
    ).json().items;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ number: '7', revision: 2 });
    // The old revision is still readable.
    const old = await t.call({
      method: 'GET',
      url: `/api/documents/${r1.documentId}/paragraphs?revision=1`,
      as: 'secretariat',
    });
    expect(old.json().items[6].text).not.toContain('非常有用');
  });

  it('refuses to commit a file other than the one previewed (409)', async () => {
    const res = await post([{ name: 'other.txt', bytes: SYNTHETIC_EN_REPORT }], {
      boardIds: 'undp-unfpa-unops',
      mode: 'commit',
      expectedHash: '0'.repeat(64),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe('/body/expectedHash');
  });

  it.each([
    ['UTF-8 with BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), SAMPLE]), 'utf-8'],
    [
      'UTF-16LE with BOM',
      () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE_TEXT, 'utf16le')]),
      'utf-16le',
    ],
    ['UTF-16BE without BOM', () => utf16be(SAMPLE_TEXT), 'utf-16be'],
    ['UTF-16LE without BOM', () => Buffer.from(SAMPLE_TEXT, 'utf16le'), 'utf-16le'],
    ['GB18030', () => gb18030(SAMPLE_TEXT), 'gb18030'],
  ])('reads the sample report in %s to the same 32 paragraphs', async (_label, bytes, encoding) => {
    const res = await post([{ name: 'jm.txt', bytes: bytes() }], { boardIds: 'undp-unfpa-unops' });
    expect(res.statusCode).toBe(200);
    const p = res.json().files[0];
    expect(p.encoding).toBe(encoding);
    expect(p.paragraphs).toHaveLength(32);
    expect(p.paragraphs[24].subpoints[2].text).toContain('联检组评估所引发');
  });

  it('reads .docx, .html and .pdf (text layer) with numbered paragraphs and sub-points', async () => {
    const html = `<!doctype html><html><head><title>x</title><style>p{}</style></head><body><nav>Home | Documents</nav>
      <h1>Synthetic HTML report (synthetic text)</h1><p>12 June 2024</p>
      <ol><li>The Administrator of UNDP spoke about SDG 13 &amp; climate action.</li>
      <li>Delegations made the following points:<ul><li>first point;</li><li>second point.</li></ul></li></ol></body></html>`;
    const res1 = await post([{ name: 'r.html', bytes: html }], { boardIds: 'undp-unfpa-unops' });
    expect(res1.statusCode).toBe(200);
    const h = res1.json().files[0];
    expect(h).toMatchObject({ format: 'html', language: 'en', date: '2024-06-12' });
    expect(h.paragraphs.map((p: { number: string }) => p.number)).toEqual(['1', '2']);
    expect(h.paragraphs[0].text).toBe('The Administrator of UNDP spoke about SDG 13 & climate action.');
    expect(h.paragraphs[0].speakers[0].role).toBe('UNDP Administrator');
    expect(h.paragraphs[1].subpoints.map((s: { text: string }) => s.text)).toEqual([
      'first point;',
      'second point.',
    ]);

    const d = docx(SYNTHETIC_EN_REPORT.split('\n').filter(Boolean));
    const res2 = await post([{ name: 'r.docx', bytes: d }], { boardIds: 'undp-unfpa-unops' });
    expect(res2.statusCode).toBe(200);
    const x = res2.json().files[0];
    expect(x.format).toBe('docx');
    expect(x.paragraphs).toHaveLength(3);
    expect(x.paragraphs[0].references).toEqual(
      expect.arrayContaining([
        { kind: 'ga-resolution', ref: '48/162', surface: 'resolution 48/162' },
        { kind: 'sdg', ref: '5', surface: 'SDG 5' },
      ]),
    );
    expect(x.paragraphs[1].acronyms).toEqual([{ shortForm: 'JIU', longForm: 'Joint Inspection Unit' }]);
    expect(x.paragraphs[2].subpoints).toHaveLength(2);

    const p = await pdf(
      [
        [
          'Synthetic PDF report (synthetic text)',
          '12 June 2024',
          '1. The Board discussed the imple-',
          'mentation of its decisions',
        ],
        ['across two pages.', '2. Delegations welcomed the report.'],
        ['3. The President closed the meeting.'],
      ],
      'DP/2024/99',
    );
    const res3 = await post([{ name: 'r.pdf', bytes: p }], { boardIds: 'undp-unfpa-unops' });
    expect(res3.statusCode).toBe(200);
    const y = res3.json().files[0];
    expect(y).toMatchObject({ format: 'pdf', symbol: 'DP/2024/99', date: '2024-06-12' });
    expect(y.paragraphs.map((q: { text: string }) => q.text)).toEqual([
      'The Board discussed the implementation of its decisions across two pages.',
      'Delegations welcomed the report.',
      'The President closed the meeting.',
    ]);
    expect(y.paragraphs[0].crossesPageBreak).toBe(true);
  });

  it.each([
    ['empty.txt', () => Buffer.alloc(0), 400, 'empty'],
    ['blank.txt', () => Buffer.from('   \n\n  '), 400, 'no text'],
    [
      'image.txt',
      () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3, 0, 0, 255, 254, 0, 7]),
      415,
      'binary',
    ],
    [
      'latin1.txt',
      () => Buffer.from('1. Le caf\xe9 est servi \xe0 la s\xe9ance.\n', 'latin1'),
      415,
      'unknown encoding',
    ],
    ['secret.pdf', () => encryptedPdf(), 422, 'password-protected'],
    ['broken.pdf', () => Buffer.from('%PDF-1.7\nthis is not a pdf'), 422, 'cannot be read'],
    [
      'broken.docx',
      () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]),
      422,
      'cannot be read',
    ],
    [
      'secret.docx',
      () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
      422,
      'password-protected',
    ],
    ['huge.txt', () => Buffer.alloc(300_000, 0x41), 413, 'larger than the limit'],
    [
      'prose.txt',
      () => Buffer.from('Just some prose without any numbered paragraphs.\n'),
      422,
      'no numbered paragraphs',
    ],
  ])(
    'rejects %s with a problem naming the file and the reason, storing nothing',
    async (name, bytes, status, reason) => {
      const before = await counts();
      for (const mode of ['preview', 'commit']) {
        const res = await post([{ name, bytes: bytes() }], { boardIds: 'undp-unfpa-unops', mode });
        expect(res.statusCode).toBe(status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        const problem = res.json();
        expect(problem.errors[0].path).toBe('/body/files/0');
        expect(problem.errors[0].message).toContain(name);
        expect(problem.errors[0].message).toContain(reason);
      }
      expect(await counts()).toEqual(before);
    },
  );

  it('rejects the whole request when one of several files is bad, and names each bad file', async () => {
    const before = await counts();
    const res = await post(
      [
        { name: 'good.txt', bytes: SYNTHETIC_EN_REPORT },
        { name: 'bad.pdf', bytes: Buffer.from('%PDF-1.7 nope') },
        { name: 'empty.txt', bytes: '' },
      ],
      { boardIds: 'undp-unfpa-unops', mode: 'commit' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      '/body/files/1',
      '/body/files/2',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('validates fields and content type (400, 415)', async () => {
    const bad = await post([{ name: 'a.txt', bytes: SYNTHETIC_EN_REPORT }], {
      boardIds: 'undp-unfpa-unops',
      mode: 'later',
      type: 'poem',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['/body/mode', '/body/type']);
    const none = await post([], { boardIds: 'undp-unfpa-unops' });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].path).toBe('/body/file');
    const json = await t.call({
      method: 'POST',
      url: '/api/documents/import',
      payload: { file: 'x' },
      as: 'secretariat',
    });
    expect(json.statusCode).toBe(415);
    const noBoards = await post(
      [{ name: 'new.txt', bytes: SYNTHETIC_EN_REPORT.replace('synthetic test', 'other synthetic') }],
      { mode: 'commit' },
    );
    expect(noBoards.statusCode).toBe(400);
    expect(noBoards.json().errors[0].path).toBe('/body/boardIds');
  });

  it('refuses a request over the form limits with the limit it passed, storing nothing', async () => {
    const before = await counts();
    const note = (i: number) => ({
      name: `note-${i}.txt`,
      bytes: `Note ${i}\n\n1. Synthetic note number ${i}.\n`,
    });
    const many = await post(
      Array.from({ length: 21 }, (_, i) => note(i)),
      { boardIds: 'undp-unfpa-unops', mode: 'commit' },
    );
    expect(many.statusCode).toBe(413);
    expect(many.json()).toMatchObject({
      type: '/api/problems/payload-too-large',
      detail: 'An import takes at most 20 files',
      errors: [{ path: '/body/files', code: 'maxItems' }],
    });
    // A field the parser would cut at its limit is refused, not stored cut.
    const longTitle = await post([note(1)], {
      boardIds: 'undp-unfpa-unops',
      mode: 'commit',
      title: 'T'.repeat(10_001),
    });
    expect(longTitle.statusCode).toBe(400);
    expect(longTitle.json().errors).toEqual([
      {
        path: '/body/title',
        message: 'must be at most 10000 bytes',
        code: 'maxLength',
        params: { limit: 10000 },
      },
    ]);
    expect(await counts()).toEqual(before);
    const twenty = await post(
      Array.from({ length: 20 }, (_, i) => note(i)),
      { boardIds: 'undp-unfpa-unops' },
    );
    expect(twenty.statusCode).toBe(200);
    expect(twenty.json().files).toHaveLength(20);
  });
});
