// Writes what enrich.ts finds in each paragraph of a language version (language, mentions,
// references, themes, acronym definitions) into the annotation tables, inside the caller's
// transaction. Speakers are not touched here: they arrive as the expression's statements.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { insertRows } from '../db/rows.js';
import { phraseKey } from '../search/tokenize.js';
import {
  detectLanguage,
  findAcronyms,
  findMentions,
  findReferences,
  findThemes,
  type Acronym,
  type Language,
  type Mention,
  type Reference,
} from './enrich.js';

/** Paragraphs with the document fields that annotation and the search index both need. */
export function selectParagraphsForIndex(db: Kysely<DB>) {
  return db
    .selectFrom('paragraphs as p')
    .innerJoin('expressions as e', 'e.id', 'p.expression_id')
    .innerJoin('documents as d', 'd.id', 'e.document_id')
    .select([
      'p.id',
      'p.parent_id',
      'p.text',
      'p.expression_id',
      'e.language',
      'e.document_id',
      'd.year',
      'd.type',
      'd.access_level',
      'd.session_id',
    ]);
}

/**
 * What the preview of an import found for a text (ingest/pipeline.ts, the same pure functions of
 * the text), handed to the write path so that it does not compute it again; `tokens`: its index
 * tokens, space-separated (tokenText). Anything left out is computed.
 */
export interface KnownEnrichment {
  language?: Language;
  mentions?: readonly Mention[];
  references?: readonly Reference[];
  themes?: readonly string[];
  acronyms?: readonly Acronym[];
  tokens?: string;
}

/** A paragraph as the search indexer needs it (search/indexer.ts buildEntries). */
export interface AnnotatedParagraph {
  id: string;
  parent_id: string | null;
  text: string;
  expression_id: string;
  language: string;
  document_id: string;
  year: number;
  type: string;
  access_level: string;
  session_id: string | null;
  /** What is known of its text already (a paragraph just written from an import preview). */
  known?: KnownEnrichment;
}

/** A statement (who speaks in a paragraph) as the search indexer reads it. */
export interface StatementRow {
  paragraph_id: string;
  speaker_role: string;
  entity_id: string | null;
  member_state_id: string | null;
}

/** What annotateExpression read and wrote, handed to the indexer that runs next in the same transaction. */
export interface Annotated {
  paragraphs: AnnotatedParagraph[];
  mentions: { paragraph_id: string; kind: string; ref_id: string }[];
  themes: { paragraph_id: string; theme: string }[];
  /** Every statement of the language version, when the caller wrote them just now. */
  statements?: StatementRow[];
}

// Keyed by the transaction object, so a hand-off never leaves its transaction; taken once.
const handoff = new WeakMap<object, Map<string, Annotated>>();

/**
 * What annotateExpression just read and wrote for this language version in this transaction
 * (the paragraphs with their document's fields, the mentions and themes), or undefined. Saves
 * the indexer from reading back, in the same transaction, rows written a moment ago.
 */
export function takeAnnotated(db: Kysely<DB>, expressionId: string): Annotated | undefined {
  const m = handoff.get(db);
  const a = m?.get(expressionId);
  if (a) m!.delete(expressionId);
  return a;
}

/**
 * Annotates the paragraphs of a language version. `written`: the paragraphs the caller has just
 * inserted in this transaction (in position order), so they need neither reading back nor clearing
 * of earlier annotations (a new language version's paragraphs have none); `statements`: all the
 * statements it inserted with them, passed on to the indexer.
 */
export async function annotateExpression(
  db: Kysely<DB>,
  expressionId: string,
  language: string,
  written?: AnnotatedParagraph[],
  statements?: StatementRow[],
): Promise<void> {
  const paras: AnnotatedParagraph[] =
    written ??
    (await selectParagraphsForIndex(db)
      .where('p.expression_id', '=', expressionId)
      .orderBy('p.position')
      .execute());
  if (!written)
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
    // What the preview of an import found already (p.known) is not found again: same text,
    // same result.
    const k = p.known;
    const lang = k?.language ?? detectLanguage(p.text, language as Language);
    annotations.push({ paragraph_id: p.id, language: lang });
    for (const m of k?.mentions ?? findMentions(p.text))
      mentions.push({ id: newId(), paragraph_id: p.id, kind: m.kind, ref_id: m.refId, surface: m.surface });
    const refs = k?.references ?? findReferences(p.text);
    for (const r of refs)
      references.push({ id: newId(), paragraph_id: p.id, kind: r.kind, ref: r.ref, surface: r.surface });
    for (const t of k?.themes ?? findThemes(p.text, refs))
      themes.push({ paragraph_id: p.id, theme: t });
    for (const a of k?.acronyms ?? findAcronyms(p.text)) {
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
  await insertRows(db, 'paragraph_annotations', ['paragraph_id', 'language'], annotations);
  await insertRows(db, 'paragraph_mentions', ['id', 'paragraph_id', 'kind', 'ref_id', 'surface'], mentions);
  await insertRows(db, 'paragraph_references', ['id', 'paragraph_id', 'kind', 'ref', 'surface'], references);
  await insertRows(db, 'paragraph_themes', ['paragraph_id', 'theme'], themes);
  await insertRows(
    db,
    'acronyms',
    ['id', 'paragraph_id', 'language', 'short_form', 'long_form', 'short_key', 'long_key'],
    acronyms,
  );
  let m = handoff.get(db);
  if (!m) handoff.set(db, (m = new Map<string, Annotated>()));
  m.set(expressionId, {
    paragraphs: paras,
    mentions: mentions as Annotated['mentions'],
    themes: themes as Annotated['themes'],
    ...(written && statements ? { statements } : {}),
  });
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
