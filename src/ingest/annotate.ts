// Writes what enrich.ts finds in each paragraph of a language version (language, mentions,
// references, themes, acronym definitions) into the annotation tables, inside the caller's
// transaction. Speakers are not touched here: they arrive as the expression's statements.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { phraseKey } from '../search/tokenize.js';
import {
  detectLanguage,
  findAcronyms,
  findMentions,
  findReferences,
  findThemes,
  type Language,
} from './enrich.js';

const CHUNK = 200;

async function insertChunks<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
}

export async function annotateExpression(
  db: Kysely<DB>,
  expressionId: string,
  language: string,
): Promise<void> {
  const paras = await db
    .selectFrom('paragraphs')
    .select(['id', 'text'])
    .where('expression_id', '=', expressionId)
    .orderBy('position')
    .execute();
  await clearAnnotations(
    db,
    paras.map((p) => p.id),
  );
  const annotations: Record<string, unknown>[] = [];
  const mentions: Record<string, unknown>[] = [];
  const references: Record<string, unknown>[] = [];
  const themes: Record<string, unknown>[] = [];
  const acronyms: Record<string, unknown>[] = [];
  for (const p of paras) {
    const lang = detectLanguage(p.text, language as Language);
    annotations.push({ paragraph_id: p.id, language: lang });
    for (const m of findMentions(p.text))
      mentions.push({ id: newId(), paragraph_id: p.id, kind: m.kind, ref_id: m.refId, surface: m.surface });
    const refs = findReferences(p.text);
    for (const r of refs)
      references.push({ id: newId(), paragraph_id: p.id, kind: r.kind, ref: r.ref, surface: r.surface });
    for (const t of findThemes(p.text, refs)) themes.push({ paragraph_id: p.id, theme: t });
    for (const a of findAcronyms(p.text)) {
      const shortKey = phraseKey(a.shortForm);
      const longKey = phraseKey(a.longForm);
      if (shortKey && longKey && shortKey !== longKey)
        acronyms.push({
          id: newId(),
          paragraph_id: p.id,
          language: lang,
          short_form: a.shortForm,
          long_form: a.longForm,
          short_key: shortKey,
          long_key: longKey,
        });
    }
  }
  await insertChunks(db, 'paragraph_annotations', annotations);
  await insertChunks(db, 'paragraph_mentions', mentions);
  await insertChunks(db, 'paragraph_references', references);
  await insertChunks(db, 'paragraph_themes', themes);
  await insertChunks(db, 'acronyms', acronyms);
}

async function clearAnnotations(db: Kysely<DB>, paragraphIds: string[]): Promise<void> {
  for (let i = 0; i < paragraphIds.length; i += 500) {
    const ids = paragraphIds.slice(i, i + 500);
    if (!ids.length) continue;
    for (const t of [
      'paragraph_annotations',
      'paragraph_mentions',
      'paragraph_references',
      'paragraph_themes',
      'acronyms',
    ] as const)
      await db.deleteFrom(t).where('paragraph_id', 'in', ids).execute();
  }
}
