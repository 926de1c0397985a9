// Query strings and form bodies (application/x-www-form-urlencoded). fast-querystring, the parser
// Fastify and @fastify/formbody use, keeps a value whose percent-encoding is not UTF-8 ("%E8%81",
// a character cut in two) as the raw text: a search would then look for "%E8%81". Here such a
// field is an error that names it, as any other bad input is.
import { parse } from 'fast-querystring';
import { errors, type FieldError } from '../lib/errors.js';

type Parsed = Record<string, string | string[]>;

/** Where a parsed query string keeps the names of its badly encoded fields. */
const MALFORMED = Symbol('malformed fields');

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** The names of the fields whose name or value is not valid percent-encoded UTF-8. */
export function malformedFields(input: string): string[] {
  const names: string[] = [];
  if (!input.includes('%')) return names;
  for (const pair of input.split('&')) {
    if (!pair.includes('%')) continue;
    const eq = pair.indexOf('=');
    const rawName = (eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' ');
    const nameOk = decodes(rawName);
    if (nameOk && (eq < 0 || decodes(pair.slice(eq + 1)))) continue;
    const name = nameOk ? decodeURIComponent(rawName) : rawName;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** A field name as a JSON pointer segment (RFC 6901). */
function pointerSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function encodingErrors(part: 'querystring' | 'body', names: readonly string[]): FieldError[] {
  return names.map((name) => ({
    path: `/${part}/${pointerSegment(name)}`,
    message: 'is not valid percent-encoded UTF-8',
    code: 'percentEncoding',
  }));
}

/**
 * The router's query-string parser. It must not throw (the router calls it outside any handler):
 * it records the badly encoded fields on the result, and `checkQueryEncoding` answers them.
 */
export function parseQueryString(input: string): Parsed {
  const query = parse(input) as Parsed;
  const bad = malformedFields(input);
  if (bad.length) Object.defineProperty(query, MALFORMED, { value: bad, enumerable: false });
  return query;
}

/** Throws a 400 naming the badly encoded fields of a query parsed by `parseQueryString`. */
export function checkQueryEncoding(query: unknown): void {
  const bad =
    query && typeof query === 'object' ? (query as { [MALFORMED]?: string[] })[MALFORMED] : undefined;
  if (bad) throw errors.validation(encodingErrors('querystring', bad));
}

/** The form-body parser: a 400 naming the badly encoded fields, otherwise fast-querystring's result. */
export function parseFormBody(input: string): Parsed {
  const bad = malformedFields(input);
  if (bad.length) throw errors.validation(encodingErrors('body', bad));
  return parse(input) as Parsed;
}
