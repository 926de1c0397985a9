// Labels of fixed vocabularies in the UI language, falling back to the stored value when a
// vocabulary grows before its translations do.
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
