// Labels of fixed vocabularies in the UI language, falling back to the stored value when a
// vocabulary grows before its translations do.
import { MEMBER_STATES } from '../modules/registry/data/member-states.js';
import type { PageContext } from './context.js';

type Vocabulary =
  | 'sessionType'
  | 'documentType'
  | 'accessLevel'
  | 'regionalGroup'
  | 'languageName'
  | 'boardName'
  | 'role'
  | 'mandateStatus';

export function label(ctx: PageContext, vocabulary: Vocabulary, value: string | null | undefined): string {
  if (!value) return '';
  const table = ctx.t[vocabulary] as Record<string, string>;
  return table[value] ?? value;
}

export const boardName = (ctx: PageContext, id: string) => label(ctx, 'boardName', id);

export function themeLabel(ctx: PageContext, theme: string): string {
  const sdg = /^sdg-(\d+)$/.exec(theme);
  if (sdg) return ctx.t.theme.sdg(ctx.f.number(Number(sdg[1])));
  const table = ctx.t.theme as unknown as Record<string, string>;
  return typeof table[theme] === 'string' ? table[theme] : theme;
}

export const todayIso = () => new Date().toISOString().slice(0, 10);

const ISO2 = new Map(MEMBER_STATES.map((m) => [m.id, m.iso2]));
const regionNames = new Map<string, Intl.DisplayNames>();

/**
 * A member state's name in the UI language: the registry's English name in English, otherwise the
 * country name of the Unicode CLDR data built into the runtime (by ISO 3166 code), falling back to
 * the English name.
 */
export function memberStateName(ctx: PageContext, id: string, englishName: string): string {
  if (ctx.locale === 'en') return englishName;
  const iso2 = ISO2.get(id);
  if (!iso2) return englishName;
  let names = regionNames.get(ctx.locale);
  if (!names)
    regionNames.set(
      ctx.locale,
      (names = new Intl.DisplayNames([ctx.locale], { type: 'region', fallback: 'none' })),
    );
  return names.of(iso2) ?? englishName;
}

/** Member states as select options, named and sorted in the UI language. */
export function memberStateOptions(
  ctx: PageContext,
  states: { id: string; name: string; regional_group?: string }[],
  withGroup = false,
): { value: string; label: string }[] {
  const collator = new Intl.Collator(ctx.locale);
  return states
    .map((m) => ({
      value: m.id,
      label: `${memberStateName(ctx, m.id, m.name)}${withGroup && m.regional_group ? ` (${label(ctx, 'regionalGroup', m.regional_group)})` : ''}`,
    }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
