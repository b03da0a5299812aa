import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.js';
import {
  findMembership,
  findUsableInvitation,
  findUserByEmail,
  insertInvitation,
  insertMemberships,
  recordChanges,
  insertUser,
  markInvitationUsed,
  setLastInstance,
  withTransaction,
  type Role,
  type UserRow,
} from '../db/index.js';
import { AppError } from '../http/errors.js';
import { invitationMail } from '../mail/messages.js';
import { startSession } from './sessions.js';
import { hashToken, newToken, normalizeEmail } from './tokens.js';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface CreatedInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
}

export async function createInvitation(
  ctx: AppContext,
  input: {
    instanceId: string;
    instanceName: string;
    inviter: { id: string; name: string };
    email: string;
    role: Role;
    name?: string | undefined;
  },
): Promise<CreatedInvitation> {
  const email = normalizeEmail(input.email);
  const existing = await findUserByEmail(ctx.db, email);
  if (existing && (await findMembership(ctx.db, input.instanceId, existing.id))) {
    throw new AppError('conflict', `${email} is already a member of ${input.instanceName}.`);
  }
  const token = newToken();
  const now = ctx.clock();
  const row = {
    id: randomUUID(),
    token_hash: hashToken(token),
    instance_id: input.instanceId,
    email,
    name: input.name?.trim() || null,
    role: input.role,
    invited_by: input.inviter.id,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
    used_at: null,
  };
  await insertInvitation(ctx.db, row);
  await ctx.mailer.send(
    invitationMail({
      to: email,
      instanceName: input.instanceName,
      inviterName: input.inviter.name,
      link: `${ctx.config.publicUrl}/invite/${token}`,
    }),
  );
  return { id: row.id, email, role: row.role, expiresAt: row.expires_at };
}

async function usableInvitation(ctx: AppContext, token: string) {
  const invitation = await findUsableInvitation(
    ctx.db,
    hashToken(token),
    ctx.clock().toISOString(),
  );
  if (!invitation) {
    throw new AppError('not_found', 'This invitation is unknown, already used or expired.');
  }
  return invitation;
}

export async function describeInvitation(ctx: AppContext, token: string) {
  const invitation = await usableInvitation(ctx, token);
  const user = await findUserByEmail(ctx.db, invitation.email);
  return {
    email: invitation.email,
    instanceName: invitation.instance_name,
    role: invitation.role,
    hasAccount: user !== undefined,
  };
}

export interface AcceptedInvitation {
  user: UserRow;
  token: string;
  instanceId: string;
}

/**
 * A new account is created with the given name and password; an existing account must already be
 * signed in as the invited email. Either way the user joins the instance and gets a fresh session in it.
 */
export async function acceptInvitation(
  ctx: AppContext,
  input: {
    token: string;
    signedInUser: UserRow | undefined;
    name?: string | undefined;
    password?: string | undefined;
  },
): Promise<AcceptedInvitation> {
  const invitation = await usableInvitation(ctx, input.token);
  const existing = await findUserByEmail(ctx.db, invitation.email);
  const now = ctx.clock().toISOString();
  let user: UserRow;
  if (existing) {
    if (!input.signedInUser) {
      throw new AppError(
        'unauthenticated',
        `Sign in as ${invitation.email} to accept this invitation.`,
      );
    }
    if (input.signedInUser.id !== existing.id) {
      throw new AppError(
        'forbidden',
        `This invitation is for ${invitation.email}; sign in as that account.`,
      );
    }
    user = existing;
  } else {
    const name = input.name?.trim() || invitation.name;
    if (!name || !input.password) {
      throw new AppError('bad_request', 'A new account needs "name" and "password".');
    }
    user = {
      id: randomUUID(),
      email: invitation.email,
      name,
      password_hash: await ctx.passwords.hash(input.password),
      service_provider: 0,
      last_instance_id: null,
      created_at: now,
      updated_at: now,
    };
  }
  let joined = false;
  await withTransaction(ctx.db, async (tx) => {
    if (!(await markInvitationUsed(tx, invitation.id, now))) {
      throw new AppError('not_found', 'This invitation is unknown, already used or expired.');
    }
    if (!existing) await insertUser(tx, user);
    if (!(await findMembership(tx, invitation.instance_id, user.id))) {
      await insertMemberships(tx, [
        {
          instance_id: invitation.instance_id,
          user_id: user.id,
          role: invitation.role,
          extension: null,
          created_at: now,
        },
      ]);
      // Colleagues' local stores learn of the new member on their next pull.
      await recordChanges(tx, invitation.instance_id, [
        { kind: 'member', entityId: user.id, audienceUserId: null },
      ]);
      joined = true;
    }
    await setLastInstance(tx, user.id, invitation.instance_id);
  });
  if (joined) ctx.poker.poke(invitation.instance_id, 'instance');
  user.last_instance_id = invitation.instance_id;
  const token = await startSession(ctx, user.id, invitation.instance_id);
  return { user, token, instanceId: invitation.instance_id };
}
