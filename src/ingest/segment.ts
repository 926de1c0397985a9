// Turns the text of a board document into its structure: title, date, symbol, numbered paragraphs
// and their sub-points. It drops running headers, footers and page numbers, and joins words and
// sentences that a page break split. Works on text from any reader (txt, pdf, docx, html).

export interface SegmentedParagraph {
  number: string;
  text: string;
  subpoints: { text: string }[];
  /** True when the paragraph's text continued across a page break. */
  crossesPageBreak: boolean;
}

export interface SegmentWarning {
  paragraph: string | null;
  message: string;
}

export interface SegmentedDocument {
  title: string | null;
  date: string | null;
  symbol: string | null;
  paragraphs: SegmentedParagraph[];
  warnings: SegmentWarning[];
  droppedLines: string[];
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
const PARA_START = /^\s*(\d{1,3})\s*[.．]\s*(.*)$/;
const BULLET = /^\s*[-–—•·▪●]\s*(.*)$/;
const PAGE_NUMBER = /^\s*(?:-\s*\d{1,4}\s*-|\d{1,4}|\d{1,4}\s*\/\s*\d{1,4}|page\s+\d+(\s+of\s+\d+)?)\s*$/i;
const SYMBOL =
  /\b((?:DP|DP\/FPA|DP\/OPS|E\/ICEF|UNW|WFP\/EB|E|A|A\/RES|UNDP\/DP)\/[A-Z0-9./()-]*\d[A-Z0-9./()-]*)/;
const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function findDate(line: string): string | null {
  let m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(line);
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  m =
    /\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b/i.exec(
      line,
    );
  if (m) return `${m[3]}-${pad(MONTHS[m[2]!.toLowerCase()]!)}-${pad(Number(m[1]))}`;
  m =
    /\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s+(\d{4})\b/i.exec(
      line,
    );
  if (m) return `${m[3]}-${pad(MONTHS[m[1]!.toLowerCase()]!)}-${pad(Number(m[2]))}`;
  return null;
}

/** Joins two pieces of running text: no space between CJK characters, one space otherwise. */
export function joinText(a: string, b: string): string {
  // trimEnd/trimStart remove what \s matches (white space and line terminators).
  const left = a.trimEnd();
  const right = b.trimStart();
  if (!left) return right;
  if (!right) return left;
  const l = left[left.length - 1]!;
  const r = right[0]!;
  // A hyphen at a line end split a Latin word ("imple-" + "mentation").
  if (l === '-' && /[a-z]/.test(r) && /[A-Za-z]-$/.test(left)) return left.slice(0, -1) + right;
  if (CJK.test(l) && CJK.test(r)) return left + right;
  return `${left} ${right}`;
}

interface Line {
  text: string;
  page: number;
}

/**
 * Splits text into pages (form feeds, or runs of three or more blank lines) of non-empty lines.
 * The text may come in pieces (read.ts decodes a file a piece at a time): a line may run across
 * pieces, and so may a CR LF pair.
 */
function toLines(text: string | readonly string[]): Line[] {
  const pieces = typeof text === 'string' ? [text] : text;
  const lines: Line[] = [];
  let page = 1;
  let blanks = 0;
  const take = (raw: string) => {
    const parts = raw.includes('\f') ? raw.split('\f') : [raw];
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) {
        page += 1;
        blanks = 0;
      }
      const text = parts[i]!.trimEnd();
      if (text === '') {
        blanks += 1;
        if (blanks === 3) page += 1;
        continue;
      }
      blanks = 0;
      lines.push({ text, page });
    }
  };
  // What follows the last line feed of a piece waits for the next piece (a CR there too).
  let carry = '';
  let atStart = true;
  for (let i = 0; i < pieces.length; i++) {
    const last = i === pieces.length - 1;
    let s = carry + pieces[i]!;
    if (atStart && s) {
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      atStart = false;
    }
    const cut = last ? s.length : s.lastIndexOf('\n') + 1;
    carry = s.slice(cut);
    if (cut === 0 && !last) continue;
    const found = s.slice(0, cut).replace(/\r\n?/g, '\n').split('\n');
    // Cut after a line feed: the empty string after it is not a line.
    if (!last) found.pop();
    for (const raw of found) take(raw);
  }
  return lines;
}

/** Lines repeated at the top or bottom of several pages are running headers or footers. */
function runningLines(lines: Line[]): Set<string> {
  const byPage = new Map<number, Line[]>();
  for (const l of lines) {
    const page = byPage.get(l.page);
    if (page) page.push(l);
    else byPage.set(l.page, [l]);
  }
  const counts = new Map<string, number>();
  for (const pageLines of byPage.values()) {
    const edges = new Set([...pageLines.slice(0, 2), ...pageLines.slice(-2)].map((l) => l.text.trim()));
    for (const t of edges) if (t.length <= 80 && !PARA_START.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const pages = byPage.size;
  return new Set(
    [...counts].filter(([, n]) => pages >= 3 && n >= Math.max(2, Math.ceil(pages / 2))).map(([t]) => t),
  );
}

export function segmentText(text: string | readonly string[]): SegmentedDocument {
  const lines = toLines(text);
  const running = runningLines(lines);
  const warnings: SegmentWarning[] = [];
  const droppedLines: string[] = [];
  const paragraphs: SegmentedParagraph[] = [];
  const front: string[] = [];
  let date: string | null = null;
  let symbol: string | null = null;
  let current: SegmentedParagraph | null = null;
  let inSubpoint = false;
  let lastPage = 0;

  for (const line of lines) {
    const t = line.text.trim();
    const pageChanged = line.page !== lastPage;
    // A running header is often the document symbol: read it before dropping the line.
    if (!symbol) {
      const s = SYMBOL.exec(t);
      if (s && (t.length < 40 || !current)) symbol = s[1]!;
    }
    if (PAGE_NUMBER.test(t) || running.has(t)) {
      droppedLines.push(t);
      continue;
    }
    // Only kept lines count: a dropped header must not hide that the text went on to a new page.
    lastPage = line.page;
    const para = PARA_START.exec(t);
    const expected = current ? Number(current.number) + 1 : 1;
    if (para && Number(para[1]) === expected) {
      current = { number: para[1]!, text: para[2]!.trim(), subpoints: [], crossesPageBreak: false };
      paragraphs.push(current);
      inSubpoint = false;
      continue;
    }
    if (para && current && Number(para[1]) !== expected && Number(para[1]) > Number(current.number)) {
      warnings.push({
        paragraph: current.number,
        message: `paragraph ${para[1]} follows ${current.number}: numbering gap`,
      });
      current = { number: para[1]!, text: para[2]!.trim(), subpoints: [], crossesPageBreak: false };
      paragraphs.push(current);
      inSubpoint = false;
      continue;
    }
    if (!current) {
      if (!date) date = findDate(t);
      // Before the first paragraph: logo remnants (short Latin acronyms) are dropped, the rest is
      // the front matter that holds the title.
      if (/^[A-Z][A-Z0-9/ -]{0,11}$/.test(t)) droppedLines.push(t);
      else if (!findDate(t) && !SYMBOL.test(t)) front.push(t);
      continue;
    }
    const bullet = BULLET.exec(t);
    if (bullet && bullet[1]) {
      current.subpoints.push({ text: bullet[1].trim() });
      inSubpoint = true;
      continue;
    }
    if (pageChanged) current.crossesPageBreak = true;
    if (inSubpoint) {
      const sp = current.subpoints[current.subpoints.length - 1]!;
      sp.text = joinText(sp.text, t);
    } else {
      current.text = joinText(current.text, t);
    }
  }

  for (const p of paragraphs) {
    if (!p.text) warnings.push({ paragraph: p.number, message: 'paragraph has no text' });
    if (p.text && !/[。．.!?！？:：;；)）"”]$/.test(p.text.trim()) && p.subpoints.length === 0) {
      warnings.push({
        paragraph: p.number,
        message: 'paragraph does not end with sentence punctuation; text may be cut',
      });
    }
  }
  if (paragraphs.length === 0) warnings.push({ paragraph: null, message: 'no numbered paragraphs found' });

  return {
    title: front.length ? front.reduce((a, b) => joinText(a, b)) : null,
    date,
    symbol,
    paragraphs,
    warnings,
    droppedLines,
  };
}
