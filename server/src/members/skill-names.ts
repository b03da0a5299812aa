// The rule for the skills an admin gives a member (mirrored by src/domain/skill-names.ts, so the
// PWA can say what is wrong before asking). Commas are refused because task filters and the new
// task dialog keep skills as comma lists.

export const SKILL_NAME_MAX = 40;
export const SKILLS_PER_MEMBER_MAX = 30;

export type SkillNames = { ok: true; names: string[] } | { ok: false; message: string };

/** Trims each name and checks the list; the first problem found is the message. */
export function checkSkillNames(input: readonly string[]): SkillNames {
  if (input.length > SKILLS_PER_MEMBER_MAX) {
    return { ok: false, message: `A member can have at most ${SKILLS_PER_MEMBER_MAX} skills.` };
  }
  const names: string[] = [];
  const seen = new Set<string>();
  for (const raw of input) {
    const name = raw.trim();
    if (name === '') return { ok: false, message: 'A skill name cannot be empty.' };
    if (name.length > SKILL_NAME_MAX) {
      return {
        ok: false,
        message: `The skill "${name}" is longer than ${SKILL_NAME_MAX} characters.`,
      };
    }
    if (name.includes(',')) {
      return { ok: false, message: `The skill "${name}" may not contain a comma.` };
    }
    if (hasControlCharacter(name)) {
      return { ok: false, message: 'A skill name may not contain control characters.' };
    }
    const key = name.toLowerCase();
    if (seen.has(key)) return { ok: false, message: `The skill "${name}" is listed twice.` };
    seen.add(key);
    names.push(name);
  }
  return { ok: true, names };
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
