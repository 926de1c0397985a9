// Which access levels an actor may read. Records outside these levels are answered exactly like
// records that do not exist (404), so their existence is not revealed.
import { hasRole, type Actor } from './actor.js';

export const ACCESS_LEVELS = ['public', 'member-states', 'board-members', 'bureau', 'secretariat'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export function readableLevels(actor: Actor): AccessLevel[] {
  if (actor.kind === 'anonymous') return ['public'];
  if (hasRole(actor, 'secretariat') || hasRole(actor, 'administrator')) return [...ACCESS_LEVELS];
  const levels: AccessLevel[] = ['public'];
  const delegate =
    hasRole(actor, 'observer-delegate') ||
    hasRole(actor, 'member-delegate') ||
    hasRole(actor, 'bureau-member');
  if (delegate || hasRole(actor, 'entity-management')) levels.push('member-states');
  if (
    hasRole(actor, 'member-delegate') ||
    hasRole(actor, 'bureau-member') ||
    hasRole(actor, 'entity-management')
  ) {
    levels.push('board-members');
  }
  if (hasRole(actor, 'bureau-member')) levels.push('bureau');
  return levels;
}

export function canRead(actor: Actor, level: string): boolean {
  return (readableLevels(actor) as string[]).includes(level);
}
