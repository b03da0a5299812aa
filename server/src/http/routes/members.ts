import { Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { listMembers } from '../../db/index.js';
import { requireInstance } from '../auth.js';
import { errorResponses, MemberSchema } from '../schemas.js';
import type { App } from '../types.js';
import { memberSkillRoutes } from './member-skills.js';

export function memberRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/members',
    {
      schema: {
        summary: 'Members of the current instance',
        response: { 200: Type.Object({ members: Type.Array(MemberSchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { instance } = await requireInstance(ctx, request, reply);
      return { members: await listMembers(ctx.db, instance.instanceId) };
    },
  );
  memberSkillRoutes(app, ctx);
}
