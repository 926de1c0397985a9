// RFC 4180 CSV, shared by every module that reads or writes CSV: a writer (CRLF line ends, fields
// quoted when they hold a comma, quote or line break) and a strict reader (quoted fields may hold
// commas, line breaks and doubled quotes; a stray quote or an unterminated quoted field is an error
// with its line number). A UTF-8 BOM is ignored.

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function writeCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Objects to CSV with the given columns (keys of each object, in order). */
export function toCsv<T extends Record<string, unknown>>(columns: (keyof T & string)[], items: T[]): string {
  return writeCsv(columns, items.map((i) => columns.map((c) => i[c])));
}

/** Parses CSV text into records; each record carries the line it starts on. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (only a separator may follow the closing quote)
  const endRecord = () => {
    fields.push(field);
    // A blank line (one empty field) is not a record.
    if (!(fields.length === 1 && fields[0] === '' && !wasQuoted)) out.push({ line: recordLine, fields });
    fields = [];
    field = '';
    wasQuoted = false;
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const n = s[i];
        if (n !== undefined && n !== ',' && n !== '\r' && n !== '\n')
          throw new CsvError('a closing quote must be followed by a comma or a line break', line);
        continue;
      }
      if (c === '\n') line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new CsvError('a quote may only open a field', line);
      quoted = true;
      wasQuoted = true;
      i += 1;
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      wasQuoted = false;
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    field += c;
    i += 1;
  }
  if (quoted) throw new CsvError('a quoted field is not closed', recordLine);
  if (field !== '' || fields.length || wasQuoted) endRecord();
  return out;
}
