import { Type } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import {
  findAttachment,
  findAttachmentMetaAnywhere,
  findTask,
  insertAttachment,
  type AttachmentMeta,
} from '../../db/index.js';
import { requireInstance } from '../auth.js';
import { AppError, errorHandler } from '../errors.js';
import { errorResponses } from '../schemas.js';
import type { App } from '../types.js';
import { UuidSchema } from './sync-schemas.js';

/** Types a browser may render inline from our origin; anything else downloads as bytes. */
const SAFE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'application/pdf',
  'text/plain',
]);
const NAME_MAX = 255;

const AttachmentSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  size: Type.Integer(),
  type: Type.String(),
});

/** A file name without folders or control characters, at most 255 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const name = clean === '.' || clean === '..' ? '' : clean;
  return [...name].slice(0, NAME_MAX).join('') || 'attachment';
}

/** The media type without parameters, or application/octet-stream when it is not one. */
export function cleanMediaType(header: string | undefined): string {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/.test(type)
    ? type
    : 'application/octet-stream';
}

/** RFC 6266: an ASCII fallback and the exact name as UTF-8 (RFC 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const utf8 = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

function describe(meta: AttachmentMeta) {
  return { id: meta.id, name: meta.name, size: Number(meta.size), type: meta.type };
}

function megabytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${bytes} bytes`;
}

/**
 * PUT and GET /api/attachments/:id. Uploads take raw bytes of any type, so they live in their own
 * plugin scope with a single catch-all body parser (JSON stays JSON everywhere else).
 */
export function attachmentRoutes(app: App, ctx: AppContext): void {
  const max = ctx.config.attachmentMaxBytes;
  const tooLarge = () =>
    new AppError('payload_too_large', `An attachment can be at most ${megabytes(max)}.`);

  void app.register(async (scoped: App) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: max },
      (_request, body, done) => done(null, body),
    );

    scoped.put(
      '/api/attachments/:id',
      {
        bodyLimit: max,
        config: { rawBody: true },
        // Refuse by the announced length before reading a byte of it.
        onRequest: async (request: FastifyRequest) => {
          const length = Number(request.headers['content-length'] ?? '0');
          if (length > max) throw tooLarge();
        },
        // A chunked body that outgrows the limit: the same sentence as a Content-Length over it.
        errorHandler: (error, request, reply) =>
          errorHandler(
            error.statusCode === 413 ? (tooLarge() as unknown as FastifyError) : error,
            request,
            reply,
          ),
        schema: {
          summary: 'Upload the bytes of an attachment (any Content-Type); idempotent by id',
          params: Type.Object({ id: UuidSchema }),
          querystring: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 1000 }),
              taskId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: AttachmentSchema, 201: AttachmentSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { auth, instance } = await requireInstance(ctx, request, reply);
        const id = request.params.id.toLowerCase();
        const existing = await findAttachmentMetaAnywhere(ctx.db, id);
        if (existing) {
          if (existing.instance_id !== instance.instanceId) {
            throw new AppError('conflict', 'This attachment id is taken; make a new one.');
          }
          return reply.code(200).send(describe(existing));
        }
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (bytes.length > max) throw tooLarge();
        const taskId = request.query.taskId;
        // The task may not have reached the server yet (made offline): comment.add links it later.
        const task = taskId ? await findTask(ctx.db, instance.instanceId, taskId) : undefined;
        const row = {
          id,
          instance_id: instance.instanceId,
          uploader_id: auth.user.id,
          task_id: task?.id ?? null,
          name: cleanFileName(request.query.name),
          type: cleanMediaType(request.headers['content-type']),
          size: bytes.length,
          bytes,
          created_at: ctx.clock().toISOString(),
        };
        if (await insertAttachment(ctx.db, row)) return reply.code(201).send(describe(row));
        // Uploaded by a concurrent request a moment ago.
        const stored = await findAttachmentMetaAnywhere(ctx.db, id);
        if (!stored || stored.instance_id !== instance.instanceId) {
          throw new AppError('conflict', 'This attachment id is taken; make a new one.');
        }
        return reply.code(200).send(describe(stored));
      },
    );

    scoped.get(
      '/api/attachments/:id',
      {
        schema: {
          summary: 'Download an attachment (always as a download, never rendered as our page)',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
          response: {
            200: Type.Unsafe<Buffer>({
              description: 'The bytes, as Content-Disposition: attachment.',
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { instance } = await requireInstance(ctx, request, reply);
        const row = await findAttachment(
          ctx.db,
          instance.instanceId,
          request.params.id.toLowerCase(),
        );
        if (!row) throw new AppError('not_found', 'No such attachment.');
        return reply
          .header('Content-Type', SAFE_TYPES.has(row.type) ? row.type : 'application/octet-stream')
          .header('Content-Disposition', contentDisposition(row.name))
          .header('X-Content-Type-Options', 'nosniff')
          .header('Content-Security-Policy', "sandbox; default-src 'none'")
          .send(row.bytes);
      },
    );
  });
}
