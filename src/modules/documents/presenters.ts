// Output shapes for documents and their expressions.
import type { Language } from '../../http/schemas.js';
import type { AccessLevel } from '../access/visibility.js';
import type { DocumentRow } from './queries.js';
import type { DocumentType } from './schema.js';

export const presentDocument = (r: DocumentRow) => ({
  id: r.id,
  symbol: r.symbol,
  type: r.type as DocumentType,
  title: r.title,
  date: r.date,
  year: r.year,
  accessLevel: r.access_level as AccessLevel,
  originalLanguage: r.original_language as Language,
  sessionId: r.session_id,
  agendaItemId: r.agenda_item_id,
  boardIds: r.boardIds,
  languages: r.languages as Language[],
  synthetic: !!r.synthetic,
  version: r.version,
});

export const presentExpression = (r: {
  id: string;
  language: string;
  revision: number;
  is_current: number;
  title: string;
  created_at: string;
  paragraph_count: number | string | null;
}) => ({
  id: r.id,
  language: r.language as Language,
  revision: r.revision,
  isCurrent: !!r.is_current,
  title: r.title,
  paragraphCount: Number(r.paragraph_count ?? 0),
  createdAt: r.created_at,
});
