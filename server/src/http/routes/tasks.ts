import { Type, type Static } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { findTask, listTasks, type TaskWithAssignee } from '../../db/index.js';
import { requireInstance } from '../auth.js';
import { AppError } from '../errors.js';
import { errorResponses, TaskSummarySchema } from '../schemas.js';
import type { App } from '../types.js';

function parseSkills(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}

export function taskSummary(row: TaskWithAssignee): Static<typeof TaskSummarySchema> {
  return {
    id: row.id,
    type: row.type,
    channel: row.channel,
    title: row.title,
    customerName: row.customer_name,
    status: row.status,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    priority: row.priority,
    skills: parseSkills(row.skills),
    dueAt: row.due_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// A temporary read until the Dexie store and sync land (issue 4).
export function taskRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/tasks',
    {
      schema: {
        summary: "The current instance's tasks, most recently updated first",
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ tasks: Type.Array(TaskSummarySchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { instance } = await requireInstance(ctx, request, reply);
      const rows = await listTasks(ctx.db, instance.instanceId, request.query.limit ?? 100);
      return { tasks: rows.map(taskSummary) };
    },
  );

  app.get(
    '/api/tasks/:id',
    {
      schema: {
        summary: 'One task of the current instance',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: TaskSummarySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { instance } = await requireInstance(ctx, request, reply);
      const row = await findTask(ctx.db, instance.instanceId, request.params.id);
      if (!row) throw new AppError('not_found', 'No such task.');
      return taskSummary(row);
    },
  );
}
