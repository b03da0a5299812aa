// The rule for the skills an admin gives a member, the same as the server's
// (server/src/members/skill-names.ts), so the Admin page says what is wrong before asking.
// Commas are refused because task filters and the new task dialog keep skills as comma lists.

export const skillNameMax = 40;
export const skillsPerMemberMax = 30;

export type SkillNameProblem = 'empty' | 'tooLong' | 'comma' | 'duplicate' | 'tooMany';

/** The problem adding `name` to `current` would cause, or null when it may be added. */
export function skillNameProblem(
  name: string,
  current: readonly string[],
): SkillNameProblem | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'empty';
  if (trimmed.length > skillNameMax) return 'tooLong';
  if (trimmed.includes(',')) return 'comma';
  const key = trimmed.toLowerCase();
  if (current.some((skill) => skill.toLowerCase() === key)) return 'duplicate';
  if (current.length >= skillsPerMemberMax) return 'tooMany';
  return null;
}

/** Every skill the instance knows (its catalogue and what members have), once, alphabetical. */
export function knownSkills(...lists: readonly (readonly string[])[]): string[] {
  const byKey = new Map<string, string>();
  for (const list of lists)
    for (const skill of list)
      if (!byKey.has(skill.toLowerCase())) byKey.set(skill.toLowerCase(), skill);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}
