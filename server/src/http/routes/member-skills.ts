import { Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { listSkillNames } from '../../db/skills.js';
import { replaceMemberSkills } from '../../members/member-skills.js';
import { checkSkillNames, SKILLS_PER_MEMBER_MAX } from '../../members/skill-names.js';
import { requireInstance } from '../auth.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../schemas.js';
import type { App } from '../types.js';

const SkillsBody = Type.Object(
  {
    // Loose bounds here (a name is trimmed before its length counts); checkSkillNames is the rule.
    skills: Type.Array(Type.String({ maxLength: 200 }), { maxItems: SKILLS_PER_MEMBER_MAX }),
  },
  { additionalProperties: false },
);
const SkillsAnswer = Type.Object({ skills: Type.Array(Type.String()) });

export function memberSkillRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/skills',
    {
      schema: {
        summary: "The current instance's skills catalogue",
        response: { 200: SkillsAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { instance } = await requireInstance(ctx, request, reply);
      return { skills: await listSkillNames(ctx.db, instance.instanceId) };
    },
  );

  app.put(
    '/api/members/:userId/skills',
    {
      schema: {
        summary: "Replace a member's skills (admins of the current instance)",
        params: Type.Object({ userId: Type.String({ maxLength: 100 }) }),
        body: SkillsBody,
        response: { 200: SkillsAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { instance } = await requireInstance(ctx, request, reply);
      if (instance.role !== 'admin') {
        throw new AppError('forbidden', "Only admins of this instance can change members' skills.");
      }
      const checked = checkSkillNames(request.body.skills);
      if (!checked.ok) throw new AppError('bad_request', checked.message);
      const skills = await replaceMemberSkills(
        ctx,
        instance.instanceId,
        request.params.userId,
        checked.names,
      );
      // Another instance's user and an unknown id read the same: tenants are walls.
      if (!skills) throw new AppError('not_found', 'No such member in this instance.');
      return { skills };
    },
  );
}
