// The first phase of an import: read a file, find its structure (segment.ts) and enrich every
// paragraph (enrich.ts), without writing anything. The result is the preview shown to the user
// and, unchanged, the input of the importDocument command (the second phase).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { findDate, segmentText } from './segment.js';
import { readSource, IngestError, type SourceFormat } from './read.js';
import { sequentialCopy } from '../lib/strings.js';
import {
  detectLanguage,
  findAcronyms,
  findMentions,
  findReferences,
  findSpeakers,
  findThemes,
  type Acronym,
  type Language,
  type Mention,
  type Reference,
  type Speaker,
  type SpeakerContext,
} from './enrich.js';

export interface PreviewSubpoint {
  number: string;
  text: string;
  mentions: Mention[];
  references: Reference[];
  themes: string[];
}

export interface PreviewParagraph {
  number: string;
  text: string;
  language: Language;
  crossesPageBreak: boolean;
  speakers: Speaker[];
  mentions: Mention[];
  references: Reference[];
  themes: string[];
  acronyms: Acronym[];
  subpoints: PreviewSubpoint[];
  warnings: string[];
}

export interface ImportPreview {
  fileName: string;
  format: SourceFormat;
  encoding: string;
  size: number;
  /** SHA-256 of the file's bytes: a commit can insist on the file that was previewed. */
  fileHash: string;
  language: Language;
  title: string | null;
  date: string | null;
  symbol: string | null;
  paragraphs: PreviewParagraph[];
  /** Problems not tied to one paragraph. */
  warnings: string[];
  droppedLines: number;
}

const LANGUAGES: Language[] = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

const MONTHS: Record<string, number> = {
  janvier: 1,
  février: 2,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  août: 8,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  décembre: 12,
  decembre: 12,
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
  января: 1,
  февраля: 2,
  марта: 3,
  апреля: 4,
  мая: 5,
  июня: 6,
  июля: 7,
  августа: 8,
  сентября: 9,
  октября: 10,
  ноября: 11,
  декабря: 12,
  يناير: 1,
  فبراير: 2,
  مارس: 3,
  أبريل: 4,
  ابريل: 4,
  مايو: 5,
  يونيو: 6,
  يوليه: 7,
  يوليو: 7,
  أغسطس: 8,
  سبتمبر: 9,
  أكتوبر: 10,
  نوفمبر: 11,
  ديسمبر: 12,
};

/** Dates in French, Spanish, Russian and Arabic ("31 mai 2024", "31 de mayo de 2024", "31 мая 2024 г."). */
export function findDateAnyLanguage(line: string): string | null {
  const d = findDate(line);
  if (d) return d;
  const t = line.normalize('NFKC').replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x660));
  const m = /(\d{1,2})(?:er)?\s+(?:de\s+)?([\p{L}]+)(?:\/[\p{L}]+)?\s+(?:de\s+)?(\d{4})/u.exec(t);
  if (!m) return null;
  const month =
    MONTHS[m[2]!.toLowerCase()] ?? MONTHS[t.slice(m.index).split(/[\s/]/)[1]?.toLowerCase() ?? ''];
  const day = Number(m[1]);
  if (!month || day < 1 || day > 31) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface PrepareOptions {
  maxBytes?: number;
  /** The language when the caller knows it; otherwise it is detected. */
  language?: Language;
}

/** The first `n` lines of a text in pieces, as `text.split('\n').slice(0, n)` gives them. */
function firstLines(pieces: readonly string[], n: number): string[] {
  let head = '';
  let lines = 0;
  for (const p of pieces) {
    head += p;
    for (let at = p.indexOf('\n'); at >= 0 && lines < n; at = p.indexOf('\n', at + 1)) lines++;
    if (lines >= n) break;
  }
  return head.split('\n').slice(0, n);
}

export async function prepareImport(
  file: string,
  bytes: Uint8Array,
  opts: PrepareOptions = {},
): Promise<ImportPreview> {
  const fileName = path.basename(file);
  const source = await readSource(
    fileName,
    bytes,
    opts.maxBytes === undefined ? {} : { maxBytes: opts.maxBytes },
  );
  const seg = segmentText(source.pieces);
  if (seg.paragraphs.length === 0)
    throw new IngestError(fileName, 'no-paragraphs', 'no numbered paragraphs were found ("1. …", "2. …")');
  const language =
    opts.language ??
    detectLanguage(
      seg.paragraphs
        .slice(0, 20)
        .map((p) => p.text)
        .join('\n'),
    );
  let date = seg.date;
  if (!date)
    for (const line of firstLines(source.pieces, 60)) {
      date = findDateAnyLanguage(line);
      if (date) break;
    }
  const ctx: SpeakerContext = {};
  const paragraphs = seg.paragraphs.map((p): PreviewParagraph => {
    // Every finder below reads the text again: a sequential copy instead of a slice of the file's text.
    const text = sequentialCopy(p.text);
    const paraLanguage = detectLanguage(text, language);
    const references = findReferences(text);
    const warnings = seg.warnings.filter((w) => w.paragraph === p.number).map((w) => w.message);
    if (paraLanguage !== language) warnings.push(`paragraph reads as '${paraLanguage}', not '${language}'`);
    if (text.length > 20000) warnings.push('paragraph is longer than 20000 characters');
    return {
      number: p.number,
      text,
      language: paraLanguage,
      crossesPageBreak: p.crossesPageBreak,
      speakers: findSpeakers(text, language, ctx),
      // The write path takes these with the preview (knownEnrichmentOf) instead of finding them again.
      mentions: findMentions(text),
      references,
      themes: findThemes(text, references),
      acronyms: findAcronyms(text),
      subpoints: p.subpoints.map((sp, i) => {
        const subText = sequentialCopy(sp.text);
        const refs = findReferences(subText);
        return {
          number: `${p.number}.${i + 1}`,
          text: subText,
          mentions: findMentions(subText),
          references: refs,
          themes: findThemes(subText, refs),
        };
      }),
      warnings,
    };
  });
  return {
    fileName,
    format: source.format,
    encoding: source.encoding,
    size: bytes.length,
    fileHash: createHash('sha256').update(bytes).digest('hex'),
    language,
    title: seg.title,
    date,
    symbol: seg.symbol,
    paragraphs,
    warnings: seg.warnings.filter((w) => w.paragraph === null).map((w) => w.message),
    droppedLines: seg.droppedLines.length,
  };
}

export function isLanguage(v: string): v is Language {
  return (LANGUAGES as string[]).includes(v);
}
