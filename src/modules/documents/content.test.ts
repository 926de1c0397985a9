import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from './content.js';
import type { ParagraphInput } from './schema.js';

// The definition the stored hashes were made with: one JSON text of title and paragraphs.
const whole = (title: string, paragraphs: unknown[]) =>
  createHash('sha256')
    .update(JSON.stringify([title, paragraphs]))
    .digest('hex');

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => s.repeat(40)),
  fc.constantFrom(
    '',
    '联合国联合检查组（联检组）',
    'المجلس التنفيذي',
    'lone \ud800 surrogate',
    '"quoted" \\ \n',
  ),
);

const paragraph: fc.Arbitrary<ParagraphInput> = fc.record(
  {
    number: fc.string({ maxLength: 5 }),
    text,
    speakers: fc.array(
      fc.record({
        role: fc.constantFrom('member_state', 'executive_director', 'president'),
        entityId: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
        memberStateId: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      }),
      { maxLength: 2 },
    ),
    subpoints: fc.array(fc.record({ text }), { maxLength: 3 }),
  },
  { requiredKeys: ['text'] },
) as fc.Arbitrary<ParagraphInput>;

describe('contentHash', () => {
  it('is the hash of the whole JSON text, given in pieces', () => {
    fc.assert(
      fc.property(text, fc.array(paragraph, { maxLength: 60 }), (title, paragraphs) => {
        expect(contentHash({ title, paragraphs })).toBe(whole(title, paragraphs));
      }),
      { numRuns: 300 },
    );
  });

  it('matches across piece boundaries and for texts far above 128 KB', () => {
    const long = 'Исполнительный совет принял решение. '.repeat(60);
    for (const count of [1, 7, 8, 9, 200, 1000]) {
      const paragraphs = Array.from({ length: count }, (_, i) => ({
        number: String(i + 1),
        text: `${i} ${long}`,
        speakers: [],
        subpoints: i % 3 ? [] : [{ text: long }],
      }));
      expect(contentHash({ title: 'Отчёт', paragraphs })).toBe(whole('Отчёт', paragraphs));
    }
  });

  it('tells different content apart', () => {
    const base = [{ number: '1', text: 'The Board met.', speakers: [], subpoints: [] }];
    const other = [{ number: '1', text: 'The Board met', speakers: [], subpoints: [] }];
    expect(contentHash({ title: 'T', paragraphs: base })).not.toBe(
      contentHash({ title: 'T', paragraphs: other }),
    );
    expect(contentHash({ title: 'T', paragraphs: base })).not.toBe(
      contentHash({ title: 'U', paragraphs: base }),
    );
  });
});
