// Output shapes for sessions and agenda items.
import type { AgendaItemTable } from '../../db/schema.js';
import type { AccessLevel } from '../access/visibility.js';
import type { SessionRow } from './queries.js';
import type { SessionType } from './schema.js';

export const presentSession = (r: SessionRow) => ({
  id: r.id,
  type: r.type as SessionType,
  title: r.title,
  startDate: r.start_date,
  endDate: r.end_date,
  year: r.year,
  venue: r.venue,
  accessLevel: r.access_level as AccessLevel,
  boardIds: r.boardIds,
  synthetic: !!r.synthetic,
  version: r.version,
});

export const presentAgendaItem = (r: AgendaItemTable) => ({
  id: r.id,
  sessionId: r.session_id,
  number: r.number,
  position: r.position,
  title: r.title,
  synthetic: !!r.synthetic,
});
