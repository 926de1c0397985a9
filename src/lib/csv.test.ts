// RFC 4180 reader and writer: round trips, quoting, line breaks inside fields, and strict errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, writeCsv } from './csv.js';

describe('csv', () => {
  it('quotes fields with commas, quotes and line breaks, and ends lines with CRLF', () => {
    expect(writeCsv(['a', 'b'], [['x,y', 'say "hi"'], ['multi\nline', null]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"multi\nline",\r\n');
  });

  it('round-trips any table of strings', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 20 }), (rows) => {
        const text = writeCsv(['h1', 'h2'], rows);
        expect(parseCsv(text).map((r) => r.fields)).toEqual([['h1', 'h2'], ...rows]);
      }),
    );
  });

  it('reports the line of a stray or unterminated quote', () => {
    expect(() => parseCsv('a,b\n"x"y,z\n')).toThrow(CsvError);
    expect(() => parseCsv('a,b\n1,2\n"open,z\n')).toThrow(/line 3/);
    expect(() => parseCsv('a,b\nx"y,z\n')).toThrow(/quote/);
  });

  it('ignores a BOM and blank lines, and gives each record its starting line', () => {
    expect(parseCsv('\ufeffa,b\r\n\r\n"1\n2",3\n4,5')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1\n2', '3'] },
      { line: 5, fields: ['4', '5'] },
    ]);
  });
});
