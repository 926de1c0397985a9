// Member states named in any of the six languages: English names from the registry, the other
// five from CLDR country names; whole words outside Chinese, Arabic conjunctions and prepositions
// attached, the longest name winning where names overlap, and words that are also country names
// in Arabic left out.
import { describe, expect, it } from 'vitest';
import { findMentions, LOCALIZED_STATE_NAMES } from './enrich.js';

const states = (text: string) =>
  findMentions(text)
    .filter((m) => m.kind === 'member-state')
    .map((m) => m.refId)
    .sort();

describe('member-state mentions in six languages', () => {
  it('has names in the other five languages for every member state', () => {
    expect(LOCALIZED_STATE_NAMES).toHaveLength(193);
    const ghana = LOCALIZED_STATE_NAMES.find((s) => s.id === 'GHA')!;
    expect(ghana.names).toEqual(expect.arrayContaining(['غانا', '加纳', 'Гана']));
  });

  it.each([
    ['加纳代表团发言。', ['GHA']],
    ['索马里代表团', ['SOM']],
    ['赤道几内亚和几内亚', ['GIN', 'GNQ']],
    ['Делегации Китая и Гана', ['GHA']],
    ['Гана и Китай', ['CHN', 'GHA']],
    ['la Côte d’Ivoire et le Sénégal', ['CIV', 'SEN']],
    ['la délégation du Ghana', ['GHA']],
    ['Delegación del Perú', ['PER']],
    ['من غانا والصين', ['CHN', 'GHA']],
    ['دعم مالي كبير', []],
    ['Nigérian', []],
  ])('%s', (text, expected) => {
    expect(states(text)).toEqual(expected);
  });
});
