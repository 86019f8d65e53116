// CreateCredential, UpdateCredential, DeleteCredential, ListCredUsers (§3.1, §3.3 U1–U12).
import bcrypt from 'bcryptjs';
import { base64ErrorText, decodeStdBase64 } from '../auth';
import { str, type HandlerTable, type ServerContext } from '../context';
import { BCRYPT_COST } from '../seed';
import { fail, MilvusFailure, successStatus } from '../status';
import { trimSpace, validatePassword, validateUsername, validateUserDescription } from '../validation';
import { errorEra, knowsDescriptions } from '../version';

/**
 * `crypto.Base64Decode` in the proxy (§2.1): 2.6.19+ wraps Go's error as an input error (1100, error_code 5, no
 * `: invalid parameter` tail); older releases wrap it as a plain error (65535, error_code 1).
 */
function decodePassword(ctx: ServerContext, b64: string, what: string): string {
  const raw = decodeStdBase64(b64);
  if (!raw) {
    const reason = `${what}: ${base64ErrorText(b64)}`;
    throw errorEra(ctx.options.version) === 'merr' ? fail.invalidRaw(reason) : fail.unexpected(reason);
  }
  return raw.toString('utf8');
}

const USER_LIMIT = 'unable to add user because the number of users has reached the limit';

/** U3: 2.6.6+ says "quota exceeded" (code 9); the 2.5 rootcoord sends the plain text (65535). */
function userLimit(ctx: ServerContext): MilvusFailure {
  return errorEra(ctx.options.version) === 'legacy'
    ? fail.unexpected(USER_LIMIT, 'CreateCredentialFailure')
    : fail.quota('failed to check if add credential', USER_LIMIT, 'CreateCredentialFailure');
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
    const password = decodePassword(ctx, str(request.password), 'decode password fail');
    validatePassword(password, ctx.profile);
    const description = optionalDescription(request.description) ?? '';
    validateUserDescription(description);
    const { state } = ctx;
    // U3: 2.5 checks the limit before the duplicate, 2.6 the duplicate first.
    const full = state.users.size >= ctx.options.maxUsers;
    if (full && errorEra(ctx.options.version) === 'legacy') throw userLimit(ctx);
    if (state.users.has(name)) throw fail.invalid(`user already exists: ${name}`, 'CreateCredentialFailure');
    if (full) throw userLimit(ctx);
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
      // D1: `merr.WrapErrParameterInvalidMsg` (internal/proxy/impl.go@v2.6.19 UpdateCredential) adds the suffix.
      throw fail.invalid('must update either password or description');
    let newPassword: string | undefined;
    if (updatesPassword) {
      const oldPassword = decodePassword(ctx, str(request.oldPassword), 'decode old password failed');
      newPassword = decodePassword(ctx, newB64, 'decode password failed');
      validatePassword(newPassword, ctx.profile);
      if (!isSuperUser(ctx, caller.user) && !(await ctx.auth.verifyPassword(username, oldPassword))) {
        throw new MilvusFailure(1400, `old password not correct for ${username}: not authenticated`);
      }
    }
    if (description !== undefined) validateUserDescription(description);
    const legacy = errorEra(ctx.options.version) === 'legacy';
    // The 2.5 rootcoord neither trims nor checks: `MetaTable.AlterCredential` is an upsert (U10).
    const name = legacy ? username : trimSpace(username);
    let rec = ctx.state.users.get(name);
    if (!rec && legacy && newPassword !== undefined) {
      rec = { name, hash: '', description: '', roles: new Set() };
      ctx.state.users.set(name, rec);
    }
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
    const name = trimSpace(username);
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
