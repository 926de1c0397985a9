// Output shapes for decisions.
import type { DecisionParagraphTable, DecisionTable } from '../../db/schema.js';
import type { Language } from '../../http/schemas.js';

export const presentDecision = (r: DecisionTable) => ({
  id: r.id,
  boardId: r.board_id,
  number: r.number,
  year: r.year,
  sessionId: r.session_id,
  agendaItemId: r.agenda_item_id,
  title: r.title,
  language: r.language as Language,
  adoptedOn: r.adopted_on,
  synthetic: !!r.synthetic,
  version: r.version,
});

export const presentDecisionParagraph = (r: DecisionParagraphTable) => ({
  kind: r.kind as 'preambular' | 'operative',
  number: r.number,
  text: r.text,
});
