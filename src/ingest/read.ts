// Turns the bytes of a file into text: format by content (PDF text layer with pdfjs-dist, .docx
// with mammoth, HTML with htmlparser2, plain text), encoding by BOM, then UTF-8, UTF-16 without
// BOM, GB18030. Bad input fails with an IngestError that names the file and the reason.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Parser } from 'htmlparser2';

export type SourceFormat = 'txt' | 'pdf' | 'docx' | 'html';

export type IngestFailure =
  | 'empty'
  | 'too-large'
  | 'binary'
  | 'encrypted'
  | 'corrupt'
  | 'unknown-encoding'
  | 'unsupported-format'
  | 'no-paragraphs';

export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly reason: IngestFailure,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'IngestError';
  }
}

export interface SourceText {
  /**
   * The text in pieces, in order: joined, they are the whole text. A plain-text file is decoded a
   * piece at a time (DECODE_CHUNK) and never joined; the other formats give one piece.
   */
  pieces: readonly string[];
  format: SourceFormat;
  encoding: string;
}

/** The start of a text in pieces: its first `n` characters (all of it when shorter). */
export function textHead(pieces: readonly string[], n: number): string {
  let head = '';
  for (const p of pieces) {
    if (head.length >= n) break;
    head += p.length > n - head.length ? p.slice(0, n - head.length) : p;
  }
  return head;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;

export async function readSource(
  file: string,
  bytes: Uint8Array,
  opts: { maxBytes?: number } = {},
): Promise<SourceText> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new IngestError(file, 'empty', 'the file is empty');
  if (bytes.length > max)
    throw new IngestError(
      file,
      'too-large',
      `the file has ${bytes.length} bytes, more than the limit of ${max}`,
    );
  const ext = path.extname(file).toLowerCase();
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-')
    return { pieces: [await readPdf(file, bytes)], format: 'pdf', encoding: 'pdf' };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    if (ext !== '.docx')
      throw new IngestError(file, 'unsupported-format', 'a ZIP archive that is not a .docx file');
    return { pieces: [await readDocx(file, bytes)], format: 'docx', encoding: 'docx' };
  }
  if (head.readUInt32BE(0) === 0xd0cf11e0) {
    // OLE compound file: a password-protected .docx is stored this way, as is a legacy .doc.
    if (ext === '.docx')
      throw new IngestError(file, 'encrypted', 'the .docx file is password-protected (encrypted)');
    throw new IngestError(file, 'unsupported-format', 'a legacy Office file (.doc); save it as .docx');
  }
  if (ext === '.pdf') throw new IngestError(file, 'corrupt', 'not a PDF file (no %PDF- header)');
  if (ext === '.docx') throw new IngestError(file, 'corrupt', 'not a .docx file (not a ZIP package)');
  const decoded = decodeText(file, bytes);
  if (ext === '.html' || ext === '.htm' || HTML_START.test(textHead(decoded.pieces, 2000))) {
    const charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i
      .exec(textHead(decoded.pieces, 4000))?.[1]
      ?.toLowerCase();
    let pieces = decoded.pieces;
    let encoding = decoded.encoding;
    if (charset && !decoded.bom && /^(gb2312|gbk|gb18030)$/.test(charset) && encoding !== 'gb18030') {
      pieces = decodeWith(file, bytes, 'gb18030');
      encoding = 'gb18030';
    }
    return { pieces: [htmlToText(pieces.join(''))], format: 'html', encoding };
  }
  if (!['.txt', '.text', '.md', ''].includes(ext))
    throw new IngestError(file, 'unsupported-format', `unsupported file type '${ext}'`);
  return { pieces: decoded.pieces, format: 'txt', encoding: decoded.encoding };
}

// ---------------------------------------------------------------------------------------------
// Text encodings

/**
 * Bytes decoded at a time. A file's text is often over 128 KB as one string, which V8 allocates
 * apart from its heap, in fresh memory pages, each time (and the decoder's own buffer of a whole
 * file is as large): in pieces of 32 KB neither happens.
 */
const DECODE_CHUNK = 32 * 1024;

/** The text of `bytes` in `encoding`, in pieces; throws a TypeError where they are not valid. */
function decodePieces(bytes: Uint8Array, encoding: string): string[] {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  const pieces: string[] = [];
  for (let at = 0; at < bytes.length; at += DECODE_CHUNK) {
    const piece = decoder.decode(bytes.subarray(at, at + DECODE_CHUNK), { stream: true });
    if (piece) pieces.push(piece);
  }
  const rest = decoder.decode();
  if (rest || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function decodeWith(file: string, bytes: Uint8Array, encoding: string): string[] {
  try {
    return decodePieces(bytes, encoding);
  } catch {
    throw new IngestError(file, 'unknown-encoding', `the text is not valid ${encoding}`);
  }
}

// Control characters other than tab, line feed, form feed and carriage return, and U+FFFD.
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f\ufffd]/;

/** Share of control characters in the first 100 000 characters of a text in pieces. */
function controlRatio(pieces: readonly string[]): number {
  let seen = 0;
  let n = 0;
  for (const piece of pieces) {
    if (seen >= 100_000) break;
    const sample = piece.length > 100_000 - seen ? piece.slice(0, 100_000 - seen) : piece;
    seen += sample.length;
    // Most texts have none: the regex scan is native.
    if (!CONTROL.test(sample)) continue;
    for (let i = 0; i < sample.length; i++) {
      const c = sample.charCodeAt(i);
      if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) n++;
    }
  }
  return seen ? n / seen : 0;
}

/** Share of characters that are ordinary in a text of any UN language. */
function plausibility(pieces: readonly string[]): number {
  const sample = textHead(pieces, 100_000);
  const ok = sample.match(
    /[\t\n\r\f\x20-\x7e\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u0600-\u06ff\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g,
  );
  return sample.length ? (ok?.length ?? 0) / sample.length : 0;
}

/**
 * Bytes whose zero bytes fall as UTF-16's do, without a BOM. Where they do not decode, they are
 * UTF-16 text with a bad sequence if most of what they give is ordinary text, otherwise not text
 * at all (a short binary file can hold its few zero bytes in such a pattern by chance).
 */
function utf16Guess(file: string, bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string[] {
  try {
    return decodePieces(bytes, encoding);
  } catch {
    const lenient = new TextDecoder(encoding).decode(bytes.subarray(0, 200_000));
    if (plausibility([lenient]) > 0.9)
      throw new IngestError(file, 'unknown-encoding', `the text is not valid ${encoding}`);
    throw new IngestError(file, 'binary', 'the file is binary, not text');
  }
}

export function decodeText(
  file: string,
  bytes: Uint8Array,
): { pieces: string[]; encoding: string; bom: boolean } {
  const b = bytes;
  const finish = (pieces: string[], encoding: string, bom: boolean) => {
    if (controlRatio(pieces) > 0.01) throw new IngestError(file, 'binary', 'the file is binary, not text');
    if (pieces[0]!.startsWith('\uFEFF')) pieces[0] = pieces[0]!.slice(1);
    if (pieces.every((p) => p.trim() === '')) throw new IngestError(file, 'empty', 'the file holds no text');
    return { pieces, encoding, bom };
  };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return finish(decodeWith(file, b.subarray(3), 'utf-8'), 'utf-8', true);
  if (b[0] === 0xff && b[1] === 0xfe) {
    if (b[2] === 0 && b[3] === 0)
      throw new IngestError(file, 'unknown-encoding', 'UTF-32 is not supported; use UTF-8');
    return finish(decodeWith(file, b.subarray(2), 'utf-16le'), 'utf-16le', true);
  }
  if (b[0] === 0xfe && b[1] === 0xff)
    return finish(decodeWith(file, b.subarray(2), 'utf-16be'), 'utf-16be', true);
  // UTF-16 without a BOM: line breaks, spaces and digits leave a zero byte in every other place.
  let zeroEven = 0;
  let zeroOdd = 0;
  const n = Math.min(b.length, 65536);
  // indexOf finds the first zero byte natively; most texts have none.
  for (let i = b.subarray(0, n).indexOf(0); i >= 0 && i < n; i = b.indexOf(0, i + 1)) {
    if (i % 2 === 0) zeroEven++;
    else zeroOdd++;
  }
  if (b.length % 2 === 0 && zeroOdd + zeroEven > 0) {
    if (zeroOdd > n / 400 && zeroOdd >= 2 * zeroEven)
      return finish(utf16Guess(file, b, 'utf-16le'), 'utf-16le', false);
    if (zeroEven > n / 400 && zeroEven >= 2 * zeroOdd)
      return finish(utf16Guess(file, b, 'utf-16be'), 'utf-16be', false);
  }
  if (zeroOdd + zeroEven > 0) throw new IngestError(file, 'binary', 'the file is binary, not text');
  try {
    return finish(decodePieces(b, 'utf-8'), 'utf-8', false);
  } catch (e) {
    if (e instanceof IngestError) throw e;
  }
  let gb: string[] | null = null;
  try {
    gb = decodePieces(b, 'gb18030');
  } catch {
    gb = null;
  }
  if (gb !== null && plausibility(gb) > 0.97) return finish(gb, 'gb18030', false);
  if (controlRatio([new TextDecoder('latin1').decode(b)]) > 0.01)
    throw new IngestError(file, 'binary', 'the file is binary, not text');
  throw new IngestError(
    file,
    'unknown-encoding',
    'the text is in an unknown encoding (accepted: UTF-8, UTF-16 with or without BOM, GB18030)',
  );
}

// ---------------------------------------------------------------------------------------------
// HTML

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'section',
  'article',
  'table',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'hr',
  'dd',
  'dt',
  'dl',
  'main',
  'figure',
  'figcaption',
  'td',
  'th',
]);
const SKIP = new Set(['script', 'style', 'head', 'noscript', 'template', 'nav', 'svg', 'button', 'form']);

/** Block elements become line breaks; list items become numbered paragraphs or bullets. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let skip = 0;
  const lists: { ordered: boolean; n: number }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (SKIP.has(name)) skip++;
        if (skip) return;
        if (BLOCK.has(name)) out.push('\n');
        if (name === 'ol') lists.push({ ordered: true, n: Number(attrs.start ?? 1) - 1 });
        if (name === 'ul') lists.push({ ordered: false, n: 0 });
        if (name === 'li') {
          const list = lists[lists.length - 1];
          // Top-level ordered lists carry the paragraph numbers; anything nested is a sub-point.
          if (list?.ordered && lists.length === 1) out.push(`${++list.n}. `);
          else out.push('- ');
        }
      },
      ontext(text) {
        if (!skip) out.push(text.replace(/\s+/g, ' '));
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip) return;
        if (name === 'ol' || name === 'ul') lists.pop();
        if (BLOCK.has(name)) out.push('\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

// ---------------------------------------------------------------------------------------------
// DOCX

async function readDocx(file: string, bytes: Uint8Array): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (e) {
    throw new IngestError(
      file,
      'corrupt',
      `the .docx file cannot be read (${(e as Error).message.split('\n')[0]})`,
    );
  }
  const text = htmlToText(html);
  if (!text.trim()) throw new IngestError(file, 'empty', 'the .docx file holds no text');
  return text;
}

// ---------------------------------------------------------------------------------------------
// PDF (text layer)

const require = createRequire(import.meta.url);

async function readPdf(file: string, bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      cMapUrl: `${path.join(root, 'cmaps')}/`,
      cMapPacked: true,
      standardFontDataUrl: `${path.join(root, 'standard_fonts')}/`,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException')
      throw new IngestError(file, 'encrypted', 'the PDF is password-protected (encrypted)');
    throw new IngestError(file, 'corrupt', `the PDF cannot be read (${(e as Error).message})`);
  }
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      let lastY: number | null = null;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const y = item.transform[5] as number;
        if (lastY !== null && Math.abs(y - lastY) > 2 && line) {
          lines.push(line);
          line = '';
        }
        line += item.str;
        lastY = y;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
          lastY = null;
        }
      }
      if (line) lines.push(line);
      pages.push(lines.join('\n'));
      page.cleanup();
    }
    const text = pages.join('\n\f');
    if (!text.replace(/\f/g, '').trim())
      throw new IngestError(file, 'empty', 'the PDF has no text layer (a scanned image?)');
    return text;
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError(file, 'corrupt', `the PDF cannot be read (${(e as Error).message})`);
  } finally {
    await doc.destroy();
  }
}
