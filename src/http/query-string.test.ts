import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'fast-querystring';
import { AppError } from '../lib/errors.js';
import { checkQueryEncoding, malformedFields, parseFormBody, parseQueryString } from './query-string.js';

describe('percent-encoding of query strings and form bodies', () => {
  it('names the fields whose name or value does not decode as UTF-8', () => {
    expect(malformedFields('q=%E8%81&limit=5')).toEqual(['q']);
    expect(malformedFields('a=%ZZ&b=%&c=ok&a=%E8')).toEqual(['a', 'b']);
    // A badly encoded name is named as it came; a good one decoded, "+" as a space.
    expect(malformedFields('%E8=1&my+field%21=%FF')).toEqual(['%E8', 'my field!']);
    expect(malformedFields('q=%E8%81%94&r=%25E8&s=a+b&t')).toEqual([]);
  });

  it('finds nothing wrong in what a browser or URLSearchParams encodes, and parses it as they do', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 6 }), (pairs) => {
        const encoded = new URLSearchParams(pairs).toString();
        expect(malformedFields(encoded)).toEqual([]);
        const query = parseQueryString(encoded);
        expect(query).toEqual(parse(encoded));
        expect(() => checkQueryEncoding(query)).not.toThrow();
        expect(parseFormBody(encoded)).toEqual(parse(encoded));
      }),
    );
  });

  it('flags any value cut inside a character, in a query and in a form body', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => /[^\u0000-\u007f]/.test(s)),
        fc.nat(),
        (text, at) => {
          const bytes = encodeURIComponent(text).match(/%[0-9A-F]{2}|[^%]/g)!;
          // Cut after the first byte of a character of two or more bytes.
          const starts = bytes.flatMap((b, i) => (/^%(C|D|E|F)/.test(b) ? [i] : []));
          const cut = starts[at % starts.length]! + 1;
          const input = `x=1&name=${bytes.slice(0, cut).join('')}`;
          expect(malformedFields(input)).toEqual(['name']);
          const query = parseQueryString(input);
          expect(Object.keys(query)).toEqual(['x', 'name']);
          expect(() => checkQueryEncoding(query)).toThrow(AppError);
          expect(() => parseFormBody(input)).toThrow(AppError);
        },
      ),
    );
  });

  it('answers with a 400 whose pointers escape "/" and "~" in field names', () => {
    try {
      parseFormBody('a%2Fb~c=%E8');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.status).toBe(400);
      expect(err.errors).toEqual([
        { path: '/body/a~1b~0c', message: 'is not valid percent-encoded UTF-8', code: 'percentEncoding' },
      ]);
    }
    try {
      checkQueryEncoding(parseQueryString('q=%E8'));
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).errors[0]!.path).toBe('/querystring/q');
    }
  });
});
