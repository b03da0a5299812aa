import { Type, type Static } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import {
  callAnswered,
  callEnded,
  callFailed,
  failureOutcomes,
  routeCall,
  type AcdResult,
} from '../../routing/acd.js';
import { isAcdAuthorization } from '../../routing/acd-token.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../schemas.js';
import type { App } from '../types.js';
import { acdQueueRoutes } from './acd-queues.js';

// Inbound calls (ACD): Kamailio's questions about a call to a queue number (docs/contract.md,
// "ACD"). Kamailio's http_client posts form fields (its {s.escape.param} makes them safe; JSON
// would need escaping it lacks) and reads one plain line back:
//   ring <sip user> <ring seconds> <task id>  |  busy <task id>  |  ok <task id>

const CallId = Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' });
const SipUser = Type.String({ pattern: '^[a-z][a-z0-9]{1,30}-[A-Za-z0-9]+$', maxLength: 64 });

const NewCall = Type.Object(
  {
    callId: CallId,
    number: Type.String({ pattern: '^[0-9+*#]{1,32}$' }),
    caller: Type.String({ minLength: 1, maxLength: 100 }),
    callerName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const Failed = Type.Object(
  {
    callId: CallId,
    agent: SipUser,
    outcome: Type.Union(failureOutcomes.map((o) => Type.Literal(o))),
  },
  { additionalProperties: false },
);
const Answered = Type.Object({ callId: CallId, agent: SipUser }, { additionalProperties: false });
const Ended = Type.Object({ callId: CallId }, { additionalProperties: false });

const Answer = Type.String({
  description:
    'One line: "ring <sip user> <ring seconds> <task id>", "busy <task id>" or "ok <task id>"',
});
const responses = { 200: Answer, ...errorResponses };
const machine = { machine: true } as const;

function answerLine(result: AcdResult, reply: FastifyReply): string {
  if ('error' in result) {
    throw new AppError(
      'not_found',
      result.error === 'unknown_queue'
        ? 'No queue has this number.'
        : 'No call with this Call-ID is being routed.',
    );
  }
  void reply.type('text/plain; charset=utf-8');
  return result.action === 'ring'
    ? `ring ${result.sipUser} ${result.ringSeconds} ${result.taskId}\n`
    : `${result.action} ${result.taskId}\n`;
}

export function acdRoutes(app: App, ctx: AppContext): void {
  // The admins' side: which numbers are queues (session, not Kamailio's token).
  acdQueueRoutes(app, ctx);
  void app.register(async (scoped: App) => {
    scoped.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => {
        const fields: Record<string, string> = {};
        for (const [key, value] of new URLSearchParams(String(body))) fields[key] = value;
        done(null, fields);
      },
    );
    // Before the body is parsed or validated: a wrong or missing token changes nothing. A request
    // with an Origin comes from a browser page, never from Kamailio.
    scoped.addHook('onRequest', async (request) => {
      const secret = ctx.config.sipSecret;
      if (secret === null) {
        throw new AppError('unavailable', 'Call routing is off: SIP_SECRET is not set.');
      }
      if (request.headers.origin !== undefined) {
        throw new AppError('forbidden', 'The ACD endpoint is for Kamailio, not for browsers.');
      }
      if (!isAcdAuthorization(request.headers.authorization, secret)) {
        throw new AppError('unauthenticated', 'Kamailio’s ACD token is missing or wrong.');
      }
    });

    scoped.post(
      '/api/routing/acd/calls',
      {
        config: machine,
        schema: {
          summary:
            'Kamailio: a call to a queue number arrived; create its task, name the agent to ring',
          body: NewCall,
          response: responses,
        },
      },
      async (request, reply) => {
        const body: Static<typeof NewCall> = request.body;
        // SIP display names come quoted ("Outside Caller").
        const callerName =
          body.callerName
            ?.trim()
            .replace(/^"(.*)"$/, '$1')
            .trim() || null;
        return answerLine(await routeCall(ctx, { ...body, callerName }), reply);
      },
    );

    scoped.post(
      '/api/routing/acd/calls/failed',
      {
        config: machine,
        schema: {
          summary: 'Kamailio: the agent rung did not take the call; name the next one',
          body: Failed,
          response: responses,
        },
      },
      async (request, reply) => answerLine(await callFailed(ctx, request.body), reply),
    );

    scoped.post(
      '/api/routing/acd/calls/answered',
      {
        config: machine,
        schema: {
          summary: 'Kamailio: the agent rung answered; the task is theirs',
          body: Answered,
          response: responses,
        },
      },
      async (request, reply) => answerLine(await callAnswered(ctx, request.body), reply),
    );

    scoped.post(
      '/api/routing/acd/calls/ended',
      {
        config: machine,
        schema: {
          summary: 'Kamailio: an answered queue call ended; the agent’s line is free',
          body: Ended,
          response: responses,
        },
      },
      async (request, reply) => answerLine(await callEnded(ctx, request.body), reply),
    );
  });
}
