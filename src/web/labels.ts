// Labels of fixed vocabularies in the UI language, falling back to the stored value when a
// vocabulary grows before its translations do.
import { MEMBER_STATES } from '../modules/registry/data/member-states.js';
import type { PageContext } from './context.js';
import { en } from './i18n/en.js';

type Vocabulary =
  | 'sessionType'
  | 'documentType'
  | 'accessLevel'
  | 'regionalGroup'
  | 'languageName'
  | 'boardName'
  | 'boardCode'
  | 'entityName'
  | 'entityOf'
  | 'role'
  | 'mandateStatus';

export function label(ctx: PageContext, vocabulary: Vocabulary, value: string | null | undefined): string {
  if (!value) return '';
  const table = ctx.t[vocabulary] as Record<string, string>;
  return table[value] ?? value;
}

export const boardName = (ctx: PageContext, id: string) => label(ctx, 'boardName', id);
/** A board by its organizations' short names in the UI language (儿基会, PNUD/FNUAP/UNOPS …). */
export const boardCode = (ctx: PageContext, id: string) => label(ctx, 'boardCode', id);
/** An organization's short name in the UI language (开发署, PNUD, ПРООН …). */
export const entityName = (ctx: PageContext, id: string) => label(ctx, 'entityName', id);
/** An organization as it follows "of" in the UI language (du PNUD, de l’UNICEF …). */
export const entityOf = (ctx: PageContext, id: string) => label(ctx, 'entityOf', id);

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

type SpeakerRoles = typeof en.speakerRole;
type RoleTable = Exclude<keyof SpeakerRoles, 'delegationOf' | 'directorCommunications' | 'directorProgramme'>;

/**
 * Where each speaker role the ingest records (its English text, ingest/enrich.ts) sits in the
 * `speakerRole` vocabulary, whose English tables hold exactly those texts; an organization
 * speaking as itself is its `entityName`.
 */
const ROLE_PLACE = new Map<string, { table: RoleTable | 'entityName'; key: string | null }>();
for (const [table, value] of Object.entries(en.speakerRole) as [RoleTable, unknown][]) {
  // Templates (a delegation, a director) are matched by pattern below.
  if (typeof value === 'function') continue;
  if (typeof value === 'string') ROLE_PLACE.set(value, { table, key: null });
  else
    for (const [key, text] of Object.entries(value as Record<string, string>))
      ROLE_PLACE.set(text, { table, key });
}
for (const [key, text] of Object.entries(en.entityName)) ROLE_PLACE.set(text, { table: 'entityName', key });
const STATE_BY_NAME = new Map(MEMBER_STATES.map((m) => [m.name, m.id]));
const ENTITY_BY_CODE = new Map(Object.entries(en.entityName).map(([id, code]) => [code, id]));
/** The directors the ingest names by an English title after the organization (ingest/enrich.ts ZH_TITLES). */
const DIRECTOR_RE =
  /^(\S+) (Director of Communications and Strategic Partnerships|Director of the Programme Division)$/;

/**
 * A speaker's role in the UI language. Roles are stored as English text; a role outside the
 * vocabulary (a director named by a title the ingest does not know) stays English, and says so.
 */
export function speakerLabel(ctx: PageContext, role: string): { text: string; lang?: 'en' } {
  // The stored text is the English label.
  if (ctx.locale === 'en') return { text: role };
  const place = ROLE_PLACE.get(role);
  const roles = ctx.t.speakerRole;
  if (place) {
    if (place.table === 'entityName') return { text: entityName(ctx, place.key!) };
    const entry = roles[place.table] as string | Record<string, string>;
    return { text: typeof entry === 'string' ? entry : entry[place.key!]! };
  }
  const director = DIRECTOR_RE.exec(role);
  const entity = director && ENTITY_BY_CODE.get(director[1]!);
  if (director && entity) {
    const title = director[2]!.endsWith('Division') ? roles.directorProgramme : roles.directorCommunications;
    return { text: title(entityOf(ctx, entity)) };
  }
  const state = /^Delegation of (.+)$/.exec(role)?.[1];
  const id = state && STATE_BY_NAME.get(state);
  if (state && id) return { text: roles.delegationOf(memberStateName(ctx, id, state)) };
  return { text: role, lang: 'en' };
}
