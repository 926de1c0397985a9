// String helpers for the hot paths of ingestion.

const ONE_BYTE = /^[\0-\xff]*$/;

/**
 * The same string as a new sequential copy. A paragraph cut out of a document is a slice of the
 * whole document's text (or, joined across lines, a concatenation of slices): V8 then reads each
 * character through the parent, and the slice keeps the whole text alive. Enrichment and
 * tokenizing read every paragraph a dozen times over, about 10% faster on a copy
 * (docs/BENCHMARKS.md). One-byte strings stay one-byte (Latin-1 round trip); others are copied
 * code unit by code unit (UTF-16), lone surrogates included.
 */
export function sequentialCopy(s: string): string {
  return ONE_BYTE.test(s)
    ? Buffer.from(s, 'latin1').toString('latin1')
    : Buffer.from(s, 'utf16le').toString('utf16le');
}
