import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { PasswordChecker } from './accounts/password.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Db } from './db/index.js';
import { isApiPath } from './http/api-paths.js';
import { registerCsrfGuard } from './http/csrf.js';
import { AppError, errorHandler, sendError } from './http/errors.js';
import { loggerOptions } from './http/logging.js';
import { registerRoutes } from './http/routes/index.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerStatic, wantsAppShell } from './http/static.js';
import type { App } from './http/types.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { repeatEvery } from './repeat.js';
import { sweepAbsentAgents } from './routing/absence.js';
import { createRoutingLoop } from './routing/routing-loop.js';
import { sweepWrapUps } from './routing/wrap-up.js';
import { expireOffers, LocalPoker, type Poker } from './sync/index.js';

export interface BuildAppOptions {
  config: Config;
  db: Db;
  /** Defaults to SMTP from config (or a logger when SMTP_URL is unset). */
  mailer?: Mailer;
  clock?: Clock;
  /** Defaults to this node's sockets (one server node). */
  poker?: Poker;
  /**
   * The timers that end expired offers, move absent agents and route waiting tasks, and the
   * router's wake-up on every change (default on). Server tests turn them off and call the sweeps
   * and the router themselves, so nothing runs between a test's steps.
   */
  sweepers?: boolean;
}

const BODY_LIMIT = 256 * 1024;
/** Sync sockets that miss a ping for this long are dropped. */
const SOCKET_HEARTBEAT_MS = 30_000;
/** How often expired task offers are ended (issue 5): an offer is shown expired within this. */
const OFFER_SWEEP_MS = 5_000;
/** Agents Ready without a sync socket anywhere for this long become Offline (issue 6). */
const ABSENCE_GRACE_MS = 120_000;
const ABSENCE_SWEEP_MS = 15_000;
/**
 * How often instances that route by push are routed even when no change woke the router, and
 * wrap-ups that ran out end.
 */
const ROUTING_SWEEP_MS = 5_000;

/** The whole HTTP server without listening, so tests drive it with inject(). */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, db } = options;
  const app: App = Fastify({
    logger: loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // TypeBox checks bodies strictly (no type coercion, unknown fields rejected because schemas say
  // additionalProperties: false) and converts only querystring and params strings.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  const mailer = options.mailer ?? createMailer(config.smtpUrl, config.smtpFrom, app.log);
  if (!options.mailer) app.addHook('onClose', async () => mailer.close());
  const sockets = new LocalPoker();
  sockets.startHeartbeat(SOCKET_HEARTBEAT_MS);
  app.addHook('onClose', async () => sockets.stopHeartbeat());
  const clock = options.clock ?? systemClock;
  const poker = options.poker ?? sockets;
  // The router answers to pokes (every committed change) of instances that route by push; it
  // pokes the plain poker itself, so its own reservations do not wake it again.
  const routing = createRoutingLoop({ db, clock, poker }, (error) =>
    app.log.error({ err: error }, 'routing pass failed'),
  );
  const ctx: AppContext = {
    config,
    db,
    mailer,
    clock,
    passwords: new PasswordChecker(config.scryptLogN),
    poker: options.sweepers === false ? poker : routing.poker(poker),
    sockets,
  };

  if (options.sweepers !== false) {
    const stopOffers = repeatEvery(
      OFFER_SWEEP_MS,
      () => expireOffers(ctx),
      (error) => app.log.error({ err: error }, 'offer sweep failed'),
    );
    const absence = { ...ctx, connected: () => sockets.connectedUsers() };
    const stopAbsence = repeatEvery(
      ABSENCE_SWEEP_MS,
      () => sweepAbsentAgents(absence, ABSENCE_GRACE_MS),
      (error) => app.log.error({ err: error }, 'absent agents sweep failed'),
    );
    const stopRouting = repeatEvery(
      ROUTING_SWEEP_MS,
      // Wrap-ups that ran out make agents Ready, which the router then answers.
      async () => {
        await sweepWrapUps(ctx);
        await routing.sweep();
      },
      (error) => app.log.error({ err: error }, 'routing sweep failed'),
    );
    app.addHook('onClose', async () => {
      stopOffers();
      stopAbsence();
      stopRouting();
    });
  }

  app.setErrorHandler(errorHandler);
  await registerSecurityHeaders(app, config);
  // Compresses JSON and the PWA's files (gzip, or brotli at a cheap level): on a slow link the
  // shell's JS and the first task list arrive in a third of the bytes.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await app.register(cookie);
  // Before the routes, so it can take the upgrade of GET /api/sync/socket.
  await app.register(websocket, { options: { maxPayload: 4096 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Switchboard API',
        version: config.appVersion,
        description: 'See docs/contract.md. Errors: {"error": {"code", "message"}}.',
      },
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    if (isApiPath(request.url)) void reply.header('Cache-Control', 'no-store');
  });
  registerCsrfGuard(app, config.publicUrl);
  registerRoutes(app, ctx);

  const site = await registerStatic(app, config.webRoot);
  app.setNotFoundHandler(async (request, reply) => {
    if (!isApiPath(request.url) && site && wantsAppShell(request)) {
      return site.sendAppShell(reply);
    }
    return sendError(
      reply,
      new AppError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`),
    );
  });
  return app;
}
