// Runs the tagging model over subjects (given ids, or every subject of a type in a year) and stores
// its suggestions with their triggering terms and scores.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { errors } from '../../../lib/errors.js';
import type { Actor } from '../../access/actor.js';
import { runCommand } from '../../audit/command.js';
import { coherencePolicy } from '../policies.js';
import { loadSubjects, type SubjectType } from '../subjects.js';
import { refreshSuggestions, type RefreshResult } from '../tagging.js';

export interface SuggestTagsProps {
  subjectType: SubjectType;
  subjectIds?: string[];
  year?: number;
  minScore?: number;
}

export async function suggestTagsFor(db: Kysely<DB>, actor: Actor, props: SuggestTagsProps): Promise<RefreshResult> {
  return runCommand(db, actor, {
    name: 'coherence.suggest-tags',
    authorize: (a) => coherencePolicy.suggest(a),
    run: async ({ trx, now, audit, unchanged }) => {
      if (!props.subjectIds && props.year === undefined)
        throw errors.validation([{ path: '/body', message: 'give subjectIds or year' }]);
      const subjects = await loadSubjects(trx, props.subjectType, { ids: props.subjectIds, year: props.year });
      if (props.subjectIds) {
        const missing = props.subjectIds.filter((id) => !subjects.some((s) => s.id === id));
        if (missing.length)
          throw errors.unprocessable(`unknown ${props.subjectType}: ${missing.join(', ')}`, [
            { path: `/body/subjectIds/${props.subjectIds.indexOf(missing[0]!)}`, message: 'not found' },
          ]);
      }
      const result = await refreshSuggestions(trx, subjects, now, audit, { minScore: props.minScore });
      if (result.added + result.updated + result.removed === 0) unchanged();
      return result;
    },
  });
}
