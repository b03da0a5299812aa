import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';
import type {
  Change,
  IncomingArgs,
  MutationName,
  MutationResult,
  PullResponse,
  SyncAgentStatus,
  SyncCall,
  SyncComment,
  SyncContact,
  SyncFilter,
  SyncLogItem,
  SyncMember,
  SyncStatusDefinition,
  SyncTask,
} from '../../sync/index.js';
import {
  agentStatuses,
  callDirections,
  callOutcomes,
  logKinds,
  mutationNames,
  PUSH_MAX_MUTATIONS,
  rejectReasons,
  taskStatuses,
  taskTypes,
} from '../../sync/index.js';

// TypeBox schemas of the sync protocol: the same JSON shapes as src/domain/sync.ts. Requests
// are checked for shape only (types, required and unknown fields); value rules such as a known
// status are the appliers' (a broken one is a rejected mutation, not a stuck outbox).

const Strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 100 });
const Time = Type.String({ minLength: 1, maxLength: 40 });
const Text = (maxLength: number) => Type.String({ maxLength });
const JsonObject = Type.Record(Type.String(), Type.Unknown());

export const UuidSchema = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});

// ---------------------------------------------------------------------------------------------
// Entities

export const SyncTaskSchema = Type.Object({
  id: Type.String(),
  type: Type.Enum(taskTypes),
  channel: Type.String(),
  title: Type.String(),
  description: Type.String(),
  customerName: Type.String(),
  customerPhone: Nullable(Type.String()),
  customerEmail: Nullable(Type.String()),
  contactId: Nullable(Type.String()),
  status: Type.Enum(taskStatuses),
  assigneeId: Nullable(Type.String()),
  offeredToId: Nullable(Type.String()),
  priority: Type.Integer(),
  skills: Type.Array(Type.String()),
  dueAt: Nullable(Type.String()),
  createdById: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  offeredById: Type.Optional(Nullable(Type.String())),
  offerExpiresAt: Type.Optional(Nullable(Type.String())),
  offerReturn: Type.Optional(
    Nullable(
      Type.Object({
        kind: Type.Enum(['declined', 'expired'] as const),
        byId: Type.String(),
        reason: Nullable(Type.String()),
        at: Type.String(),
      }),
    ),
  ),
  outcomeTag: Type.Optional(Nullable(Type.String())),
  followUpOfId: Type.Optional(Nullable(Type.String())),
});

export const AttachmentRefSchema = Type.Object(
  { id: Id, name: Text(255), size: Type.Integer({ minimum: 0 }), type: Text(200) },
  Strict,
);

export const SyncCommentSchema = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  authorId: Type.String(),
  body: Type.String(),
  attachments: Type.Array(AttachmentRefSchema),
  createdAt: Type.String(),
});

export const SyncLogItemSchema = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  actorId: Nullable(Type.String()),
  kind: Type.Enum(logKinds),
  data: JsonObject,
  createdAt: Type.String(),
});

export const SyncFilterSchema = Type.Object({
  id: Type.String(),
  ownerId: Type.String(),
  name: Type.String(),
  shared: Type.Boolean(),
  query: JsonObject,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const SyncContactSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  company: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  updatedAt: Type.String(),
});

export const SyncMemberSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: Type.Enum(['agent', 'team_leader', 'admin'] as const),
  extension: Nullable(Type.String()),
  skills: Type.Optional(Type.Array(Type.String())),
});

/** A custom status's key: 'c-<uuid>' (issue 6). */
const CustomStatusKeySchema = Type.TemplateLiteral([Type.Literal('c-'), Type.String()]);

export const SyncAgentStatusSchema = Type.Object({
  userId: Type.String(),
  status: Type.Union([Type.Enum(agentStatuses), CustomStatusKeySchema]),
  since: Type.String(),
});

export const SyncStatusDefinitionSchema = Type.Object({
  id: Type.String(),
  key: CustomStatusKeySchema,
  label: Type.String(),
  colour: Type.String(),
  receivesWork: Type.Boolean(),
  channels: Nullable(Type.Array(Type.Enum(taskTypes))),
  timeLimitSeconds: Nullable(Type.Integer()),
  position: Type.Integer(),
});

export const SyncCallSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  direction: Type.Enum(callDirections),
  peer: Type.String(),
  peerName: Nullable(Type.String()),
  startedAt: Type.String(),
  answeredAt: Nullable(Type.String()),
  endedAt: Type.String(),
  outcome: Type.Enum(callOutcomes),
  taskId: Nullable(Type.String()),
});

function changesOf<K extends string, T extends TSchema>(kind: K, value: T) {
  return [
    Type.Object({ kind: Type.Literal(kind), op: Type.Literal('put'), value }),
    Type.Object({ kind: Type.Literal(kind), op: Type.Literal('delete'), id: Type.String() }),
  ] as const;
}

export const ChangeSchema = Type.Union([
  ...changesOf('task', SyncTaskSchema),
  ...changesOf('comment', SyncCommentSchema),
  ...changesOf('logItem', SyncLogItemSchema),
  ...changesOf('filter', SyncFilterSchema),
  ...changesOf('contact', SyncContactSchema),
  ...changesOf('member', SyncMemberSchema),
  ...changesOf('agentStatus', SyncAgentStatusSchema),
  ...changesOf('call', SyncCallSchema),
  ...changesOf('statusDefinition', SyncStatusDefinitionSchema),
]);

export const PullResponseSchema = Type.Object({
  changes: Type.Array(ChangeSchema),
  cursor: Type.String({ description: 'Opaque: pass it back as ?cursor= next time.' }),
  more: Type.Boolean({ description: 'More changes wait: pull again at once.' }),
});

export const MutationResultSchema = Type.Union([
  Type.Object({ seq: Type.Integer(), status: Type.Literal('ok') }),
  Type.Object({
    seq: Type.Integer(),
    status: Type.Literal('rejected'),
    reason: Type.Enum(rejectReasons),
    message: Type.String(),
    changes: Type.Array(ChangeSchema),
  }),
]);

export const PushResponseSchema = Type.Object({ results: Type.Array(MutationResultSchema) });

// ---------------------------------------------------------------------------------------------
// Mutations: the envelope in the route schema, the args per name checked by the handler (one
// union of nine shapes would report every branch's errors; one shape per name names the field).

export const mutationArgsSchemas = {
  'task.create': Type.Object(
    {
      id: Id,
      type: Text(20),
      channel: Text(50),
      title: Text(2000),
      description: Type.String(),
      customerName: Text(200),
      customerPhone: Nullable(Text(50)),
      customerEmail: Nullable(Text(254)),
      contactId: Nullable(Id),
      priority: Type.Number(),
      skills: Type.Array(Text(50)),
      dueAt: Nullable(Time),
      assigneeId: Nullable(Id),
      followUpOfId: Type.Optional(Nullable(Id)),
    },
    Strict,
  ),
  'task.setStatus': Type.Object(
    {
      taskId: Id,
      status: Text(20),
      outcomeTag: Type.Optional(Nullable(Text(200))),
      expectedAssigneeId: Type.Optional(Nullable(Id)),
    },
    Strict,
  ),
  'task.assign': Type.Object({ taskId: Id, assigneeId: Nullable(Id) }, Strict),
  'task.offer': Type.Object({ taskId: Id, toUserId: Id }, Strict),
  'task.acceptOffer': Type.Object({ taskId: Id }, Strict),
  'task.declineOffer': Type.Object({ taskId: Id, reason: Text(2000) }, Strict),
  'comment.add': Type.Object(
    { id: Id, taskId: Id, body: Type.String(), attachments: Type.Array(AttachmentRefSchema) },
    Strict,
  ),
  // A custom status's key is 'c-' and a UUID: 38 characters.
  'agentStatus.set': Type.Object({ status: Text(50), at: Time }, Strict),
  'filter.save': Type.Object(
    { id: Id, name: Text(1000), shared: Type.Boolean(), query: JsonObject },
    Strict,
  ),
  'filter.delete': Type.Object({ id: Id }, Strict),
  'call.record': Type.Object(
    {
      id: Id,
      direction: Text(20),
      peer: Text(1000),
      peerName: Nullable(Text(200)),
      startedAt: Time,
      answeredAt: Nullable(Time),
      endedAt: Time,
      outcome: Text(20),
      taskId: Nullable(Id),
    },
    Strict,
  ),
} as const satisfies Record<MutationName, TSchema>;

export const MutationEnvelopeSchema = Type.Object(
  {
    id: Id,
    seq: Type.Integer({ minimum: 1 }),
    name: Type.Enum(mutationNames),
    args: Type.Object({}, { description: 'Checked per name: see mutationArgsSchemas.' }),
    createdAt: Time,
  },
  Strict,
);

export const PushRequestSchema = Type.Object(
  {
    clientId: UuidSchema,
    mutations: Type.Array(MutationEnvelopeSchema, { maxItems: PUSH_MAX_MUTATIONS }),
  },
  Strict,
);

export const PullQuerySchema = Type.Object(
  { cursor: Type.Optional(Type.String({ maxLength: 1000 })) },
  Strict,
);

// ---------------------------------------------------------------------------------------------
// The schemas and the protocol types must describe the same JSON: each Static type is assignable
// to its protocol type and back (a compile error here means they drifted apart).

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function same<T extends true>(): T | undefined {
  return undefined;
}
same<Same<Static<typeof SyncTaskSchema>, SyncTask>>();
same<Same<Static<typeof SyncCommentSchema>, SyncComment>>();
same<Same<Static<typeof SyncLogItemSchema>, SyncLogItem>>();
same<Same<Static<typeof SyncFilterSchema>, SyncFilter>>();
same<Same<Static<typeof SyncContactSchema>, SyncContact>>();
same<Same<Static<typeof SyncMemberSchema>, SyncMember>>();
same<Same<Static<typeof SyncAgentStatusSchema>, SyncAgentStatus>>();
same<Same<Static<typeof SyncCallSchema>, SyncCall>>();
same<Same<Static<typeof SyncStatusDefinitionSchema>, SyncStatusDefinition>>();
same<Same<Static<typeof ChangeSchema>, Change>>();
same<Same<Static<typeof MutationResultSchema>, MutationResult>>();
same<Same<Static<typeof PullResponseSchema>, PullResponse>>();
same<Same<Static<(typeof mutationArgsSchemas)['task.create']>, IncomingArgs['task.create']>>();
same<
  Same<Static<(typeof mutationArgsSchemas)['task.setStatus']>, IncomingArgs['task.setStatus']>
>();
same<Same<Static<(typeof mutationArgsSchemas)['task.assign']>, IncomingArgs['task.assign']>>();
same<Same<Static<(typeof mutationArgsSchemas)['task.offer']>, IncomingArgs['task.offer']>>();
same<
  Same<Static<(typeof mutationArgsSchemas)['task.acceptOffer']>, IncomingArgs['task.acceptOffer']>
>();
same<
  Same<Static<(typeof mutationArgsSchemas)['task.declineOffer']>, IncomingArgs['task.declineOffer']>
>();
same<Same<Static<(typeof mutationArgsSchemas)['comment.add']>, IncomingArgs['comment.add']>>();
same<
  Same<Static<(typeof mutationArgsSchemas)['agentStatus.set']>, IncomingArgs['agentStatus.set']>
>();
same<Same<Static<(typeof mutationArgsSchemas)['filter.save']>, IncomingArgs['filter.save']>>();
same<Same<Static<(typeof mutationArgsSchemas)['filter.delete']>, IncomingArgs['filter.delete']>>();
same<Same<Static<(typeof mutationArgsSchemas)['call.record']>, IncomingArgs['call.record']>>();
