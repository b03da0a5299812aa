// Who may see which part of the workspace. The server enforces the same rules; these only shape the UI.
import type { Me, Role } from './types';

export function canSeeAdmin(role: Role | undefined): boolean {
  return role === 'admin';
}

/** The Team view (issue 6): who is in which status, and who is over its time limit. */
export function canSeeTeam(role: Role | undefined): boolean {
  return role === 'team_leader' || role === 'admin';
}

export const navSections = ['tasks', 'phone', 'contacts', 'history', 'team', 'admin'] as const;
export type NavSection = (typeof navSections)[number];

export function visibleSections(role: Role | undefined): NavSection[] {
  return navSections.filter(
    (s) => (s !== 'admin' || canSeeAdmin(role)) && (s !== 'team' || canSeeTeam(role)),
  );
}

/** A switcher is worth showing when there is somewhere else to go. */
export function canSwitchInstance(me: Me): boolean {
  return me.memberships.length > 1 || me.user.serviceProvider;
}

/** Where a signed-in user lands: the picker until an instance is chosen, else the workspace. */
export function needsInstancePicker(me: Me): boolean {
  return me.currentInstance === null;
}

/**
 * A post-sign-in destination taken from the URL must stay inside the app:
 * only same-origin absolute paths, never `//host` or a scheme.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/tasks'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  if (next.startsWith('/signin')) return fallback;
  return next;
}
