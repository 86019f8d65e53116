// CreateCredential, UpdateCredential, DeleteCredential, ListCredUsers (§3.1, §3.3 U1–U12).
import { goTrimSpace } from '../../../src/core/rules';
import bcrypt from 'bcryptjs';
import { base64ErrorText, decodeStdBase64 } from '../auth';
import { str, type HandlerTable, type ServerContext } from '../context';
import { BCRYPT_COST } from '../seed';
import { fail, MilvusFailure, successStatus } from '../status';
import { validatePassword, validateUsername, validateUserDescription } from '../validation';
import { knowsDescriptions } from '../version';

function decodePassword(b64: string, what: string): string {
  const raw = decodeStdBase64(b64);
  if (!raw) throw fail.invalid(`${what}: ${base64ErrorText(b64)}`);
  return raw.toString('utf8');
}

function optionalDescription(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function isSuperUser(ctx: ServerContext, user: string | undefined): boolean {
  return user !== undefined && ctx.options.superUsers.includes(user);
}

export const credentialHandlers: HandlerTable = {
  async CreateCredential(ctx, { request }) {
    const name = validateUsername(str(request.username), ctx.profile);
    const password = decodePassword(str(request.password), 'decode password fail');
    validatePassword(password, ctx.profile);
    const description = optionalDescription(request.description) ?? '';
    validateUserDescription(description);
    const { state } = ctx;
    if (state.users.has(name)) throw fail.invalid(`user already exists: ${name}`, 'CreateCredentialFailure');
    if (state.users.size >= ctx.options.maxUsers) {
      throw fail.quota(
        'failed to check if add credential',
        'unable to add user because the number of users has reached the limit',
        'CreateCredentialFailure',
      );
    }
    const hash = await bcrypt.hash(password, BCRYPT_COST);
    if (state.users.has(name)) throw fail.invalid(`user already exists: ${name}`, 'CreateCredentialFailure');
    state.users.set(name, { name, hash, description, roles: new Set() });
    state.changed();
    return successStatus();
  },

  async UpdateCredential(ctx, { request, caller }) {
    const username = str(request.username);
    const newB64 = str(request.newPassword);
    const description = optionalDescription(request.description);
    // Before 2.6.19 a password is always updated, so an empty new one fails the length check (U11).
    const updatesPassword = newB64 !== '' || !knowsDescriptions(ctx.options.version);
    if (!updatesPassword && description === undefined)
      throw fail.invalidRaw('must update either password or description');
    let newPassword: string | undefined;
    if (updatesPassword) {
      const oldPassword = decodePassword(str(request.oldPassword), 'decode old password failed');
      newPassword = decodePassword(newB64, 'decode password failed');
      validatePassword(newPassword, ctx.profile);
      if (!isSuperUser(ctx, caller.user) && !(await ctx.auth.verifyPassword(username, oldPassword))) {
        throw new MilvusFailure(1400, `old password not correct for ${username}: not authenticated`);
      }
    }
    if (description !== undefined) validateUserDescription(description);
    const name = goTrimSpace(username);
    const rec = ctx.state.users.get(name);
    if (!rec) throw fail.unexpected('failed to check if update credential: user not found', 'UpdateCredentialFailure');
    if (newPassword !== undefined) {
      const hash = await bcrypt.hash(newPassword, BCRYPT_COST);
      rec.hash = hash;
      ctx.auth.invalidate(name);
    }
    if (description !== undefined) rec.description = description;
    ctx.state.changed();
    return successStatus();
  },

  DeleteCredential(ctx, { request }) {
    const username = str(request.username);
    if (username === 'root') throw fail.notPermitted('root user cannot be deleted');
    const name = goTrimSpace(username);
    if (ctx.state.users.delete(name)) {
      ctx.auth.invalidate(name);
      ctx.state.changed();
    }
    return successStatus();
  },

  ListCredUsers(ctx) {
    return { status: successStatus(), usernames: ctx.state.userNamesSorted() };
  },
};
