import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** The one list of error codes the API answers with, each mapped to its HTTP status once. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_rejected: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  /** The tab believes it is in another instance than its session now is (switched elsewhere). */
  instance_changed: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
  /** Only on a sync push's 409: the seq the server waits for (docs/contract.md, Sync). */
  expectedSeq?: number;
}

/** Fields an error answer carries beside `error`, for the few errors that need one. */
export type ErrorExtra = Pick<ErrorBody, 'expectedSeq'>;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly extra?: ErrorExtra,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

function names(params: Record<string, unknown>, ...keys: string[]): string {
  for (const key of keys) {
    const value = params[key];
    if (Array.isArray(value)) return value.map((v) => `"${String(v)}"`).join(', ');
    if (value !== undefined) return `"${String(value)}"`;
  }
  return 'a field';
}

/** One clear sentence naming the field and what is wrong with it (TypeBox or Ajv issues). */
export function describeValidation(context: string, issues: readonly ValidationIssue[]): string {
  const issue =
    issues.find((i) => i.keyword === 'required') ??
    issues.find((i) => i.keyword === 'additionalProperties') ??
    issues.find((i) => i.keyword !== 'boolean') ??
    issues[0];
  if (!issue) return `The ${context} is not valid.`;
  const where = [context, ...issue.instancePath.split('/').filter(Boolean)].join('.');
  switch (issue.keyword) {
    case 'required':
      return `${where} is missing the required field ${names(issue.params, 'requiredProperties', 'missingProperty')}.`;
    case 'additionalProperties':
      return `${where} has an unknown field ${names(issue.params, 'additionalProperties', 'additionalProperty')}.`;
    case 'pattern':
      // The raw pattern means nothing to a user; say what was expected.
      return where.endsWith('email')
        ? `${where} is not an email address.`
        : `${where} is not in the expected format.`;
    default:
      return `${where} ${issue.message ?? 'is not valid'}.`;
  }
}

function fromFastify(error: FastifyError): AppError | undefined {
  if (error.validation) {
    const context = error.validationContext ?? 'request';
    return new AppError(
      'bad_request',
      describeValidation(context, error.validation as unknown as ValidationIssue[]),
    );
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return new AppError('payload_too_large', 'The request body is too large.');
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new AppError(
      'bad_request',
      'The request says it has a JSON body but the body is empty.',
    );
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new AppError('bad_request', 'The request body is not valid JSON.');
  }
  if (status === 404) return new AppError('not_found', 'Not found.');
  if (status >= 400 && status < 500) return new AppError('bad_request', error.message);
  return undefined;
}

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.retryAfterSeconds !== undefined) {
    void reply.header('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  }
  return reply
    .code(error.status)
    .type('application/json')
    .send({ ...errorBody(error.code, error.message), ...error.extra });
}

export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const known = error instanceof AppError ? error : fromFastify(error);
  if (known) {
    // A feature switched off by configuration (503 unavailable) is expected, not a fault: a warning
    // without a stack, so error-level logs stay worth reading.
    if (known.code === 'unavailable') request.log.warn({ code: known.code }, known.message);
    else if (known.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(reply, known);
  }
  request.log.error({ err: error }, 'unexpected error');
  return sendError(reply, new AppError('internal', 'Something went wrong on the server.'));
}
