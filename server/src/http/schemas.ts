import { Type } from '@fastify/type-provider-typebox';
import { PASSWORD_MAX, PASSWORD_MIN } from '../accounts/password.js';
import { ERROR_STATUS } from './errors.js';

// JSON shapes of docs/contract.md; responses are serialized through these, requests validated.

export const RoleSchema = Type.Union([
  Type.Literal('agent'),
  Type.Literal('team_leader'),
  Type.Literal('admin'),
]);

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.Union(Object.keys(ERROR_STATUS).map((code) => Type.Literal(code))),
      message: Type.String(),
    }),
    expectedSeq: Type.Optional(Type.Integer({ description: 'Sync push gap: push from this seq.' })),
  },
  { description: 'Every error: a stable code and an English sentence.' },
);

export const EmailSchema = Type.String({
  minLength: 3,
  maxLength: 254,
  pattern: '^\\s*[^\\s@]+@[^\\s@]+\\s*$',
});
export const PasswordSchema = Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX });
export const TokenSchema = Type.String({ minLength: 1, maxLength: 100 });

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const MeSchema = Type.Object({
  user: Type.Object({
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    serviceProvider: Type.Boolean(),
  }),
  memberships: Type.Array(
    Type.Object({
      instanceId: Type.String(),
      instanceName: Type.String(),
      role: RoleSchema,
      extension: NullableString,
    }),
  ),
  currentInstance: Type.Union([
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      role: RoleSchema,
      // Issue 5: the task workspace follows these (resolving asks for an outcome tag).
      settings: Type.Optional(
        Type.Object({
          outcomeTagRequired: Type.Boolean(),
          offerTtlSeconds: Type.Integer(),
          pushRouting: Type.Boolean(),
          wrapUpSeconds: Type.Integer(),
          reservationSeconds: Type.Integer(),
          capacity: Type.Object({
            call: Type.Integer(),
            email: Type.Integer(),
            chat: Type.Integer(),
            manual: Type.Integer(),
          }),
        }),
      ),
    }),
    Type.Null(),
  ]),
  lastInstanceId: NullableString,
});

export const TaskSummarySchema = Type.Object({
  id: Type.String(),
  type: Type.Union([
    Type.Literal('call'),
    Type.Literal('email'),
    Type.Literal('chat'),
    Type.Literal('manual'),
  ]),
  channel: Type.String(),
  title: Type.String(),
  customerName: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('pending'), Type.Literal('resolved')]),
  assigneeId: NullableString,
  assigneeName: NullableString,
  priority: Type.Integer(),
  skills: Type.Array(Type.String()),
  dueAt: NullableString,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const MemberSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  extension: NullableString,
});

/** Error answers shared by every route, for the OpenAPI document and serialization. */
export const errorResponses = { '4xx': ErrorSchema, '5xx': ErrorSchema } as const;

/** 202/204 answers: no body at all. */
export const NoBody = Type.Unsafe<undefined>({ description: 'No body.' });
