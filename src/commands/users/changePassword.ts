// Change Password: works out first which way can succeed for the connection's user (src/core/access/passwordChange.ts), offers
// that way first, and stops before any password is typed when none can.
import * as vscode from 'vscode';
import { ADMIN_ROLE, ROOT_USER } from '../../core/access/builtIns';
import { rolesInEffect } from '../../core/access/effectivePrivileges';
import { MilvusError, errorMessage } from '../../core/errors/milvusError';
import {
  namesCustomGroups,
  planPasswordChange,
  SUPER_USERS_SETTING,
  type PasswordCallerFacts,
  type PasswordChangePlan,
} from '../../core/access/passwordChange';
import { checkPassword, checkPasswordConfirmation } from '../../core/rules/checks';
import type { Grant, RuleProfileId } from '../../core/types';
import { secretInMemory } from '../../storage/secretVault';
import { connectWithProgress } from '../kit/progress';
import type { ActiveConnection } from '../kit/activeConnection';
import { commandArgs, type ChangeMyPasswordArgs, type ChangePasswordArgs } from '../kit/args';
import { connectionGiven, resolveConnection } from '../kit/connectionArgs';
import { Flow } from '../kit/multiStep';
import { resolveActiveConnection, resolveUser } from '../kit/resolvers';
import { Cancelled } from '../kit/cancelled';
import { otherLoginsAs, secretFor, updateOtherLogins } from './sameLogin';
import type { Services } from '../kit/services';

/**
 * What the server tells about the caller: its roles (one SelectUser, allowed on oneself), the grants of those roles and
 * public (one SelectGrant each, allowed for one's own roles) and, only if a grant names a custom group, the group list.
 * Nothing is read when the answer does not depend on it (no authentication, oneself, root).
 */
async function callerFacts(target: ActiveConnection, user: string): Promise<PasswordCallerFacts> {
  const { services, profile } = target;
  const caller = target.loginUser;
  const database = services.connections.status(profile.id).info?.database ?? 'default';
  const facts: PasswordCallerFacts = { caller, noAuth: profile.auth === 'none', target: user, database };
  if (facts.noAuth || caller === undefined || caller === user || caller === ROOT_USER) return facts;
  const unreadable =
    (what: string) =>
    (error: unknown): undefined => {
      services.log.warn(
        `Could not read ${what} to check the password change: ${errorMessage(error)} [${profile.name}]`,
      );
      return undefined;
    };
  return target.read(async (api) => {
    const roles = (await api.describeUser(caller).catch(unreadable(`the roles of ${caller}`)))?.roles;
    if (roles === undefined || roles.includes(ADMIN_ROLE)) return { ...facts, roles };
    const lists = await Promise.all(
      rolesInEffect(roles).map((role) => api.listGrants(role).catch(unreadable(`the grants of ${role}`))),
    );
    const grants = lists.filter((list): list is Grant[] => list !== undefined).flat();
    const grantsIncomplete = lists.includes(undefined);
    const groups = namesCustomGroups(grants)
      ? await api.listPrivilegeGroups().catch(unreadable('the privilege groups'))
      : [];
    return { ...facts, roles, grants, grantsIncomplete, groups };
  });
}

function describePlan(plan: PasswordChangePlan): string {
  if (plan.refusal) return `refused before asking (${plan.access.why})`;
  return `offering ${plan.options.map((o) => o.path).join(', then ')} (${plan.access.why})`;
}

async function askNewPassword(flow: Flow, profile: RuleProfileId, user: string): Promise<string> {
  const password = await flow.input({
    prompt: vscode.l10n.t('New password for {0}', user),
    password: true,
    validate: (v) => checkPassword(v, profile)?.message,
  });
  await flow.input({
    prompt: vscode.l10n.t('Type the new password for {0} again', user),
    password: true,
    validate: (v) => checkPasswordConfirmation(password, v)?.message,
  });
  return password;
}

/**
 * The steps after the user that `args` leave to ask: how (unless the user is oneself), the current password, the new
 * one and again. The total is fixed before the first step; a step the plan makes needless is skipped.
 */
function passwordSteps(args: ChangePasswordArgs, self: boolean): number {
  if (args.newPassword !== undefined) return 0;
  return 2 + (args.reset === true || args.oldPassword !== undefined ? 0 : self ? 1 : 2);
}

/** After the connection's own user changed its password: store the new one and reconnect with it. */
async function updateStoredSecret(target: ActiveConnection, user: string, newPassword: string): Promise<boolean> {
  const { services, profile } = target;
  const stored = profile.auth === 'token' ? await services.vault.get(profile.id, secretInMemory(profile)) : undefined;
  const next = secretFor(profile, stored, user, newPassword);
  if (!next) return false;
  await services.vault.store(profile.id, next, secretInMemory(profile));
  await services.connections.disconnect(profile.id, false);
  await connectWithProgress(services, profile, vscode.l10n.t('Reconnecting to {0}…', profile.name));
  target.log(`Stored the new password of "${user}" for this connection and reconnected.`);
  return true;
}

/** Offers to store the new password for the other saved connections that log in as `user` here; never throws. */
async function updateOtherConnections(
  target: ActiveConnection,
  user: string,
  newPassword: string,
  answer: boolean | undefined,
): Promise<string[]> {
  try {
    const others = await otherLoginsAs(target.services, target.profile, user, newPassword);
    const updated = await updateOtherLogins(target.services, others, user, answer);
    if (updated.length > 0)
      target.log(`Stored the new password of "${user}" for ${updated.map((n) => `"${n}"`).join(', ')} too.`);
    return updated;
  } catch (error) {
    if (error instanceof Cancelled) return [];
    target.services.log.warn(
      `Could not store the new password of "${user}" for the other connections: ${errorMessage(error)}`,
    );
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The password of {user} was changed, but the other saved connections that use it could not be updated: {error}',
        { user, error: errorMessage(error) },
      ),
    );
    return [];
  }
}

/** Change Password, from the tree, the palette or a test (`oldPassword` or `reset: true`, and `newPassword`). */
export async function changePassword(services: Services, arg: unknown): Promise<boolean> {
  const args = commandArgs<ChangePasswordArgs>(arg);
  const flow = new Flow(vscode.l10n.t('Change Password'), passwordSteps(args, false));
  return flow.run(async () => {
    const { target, user } = await resolveUser(services, arg, {
      title: flow.title,
      placeholder: vscode.l10n.t('Select the user whose password to change'),
      flow,
    });
    return changePasswordOf(target, user, args, flow);
  });
}

/**
 * Change My Password: the password of the user the connection logs in as, with the old one. Lists nothing (a user
 * without any role, refused SelectUser, may still change its own password, §2.6); the stored secret follows.
 */
export async function changeMyPassword(services: Services, arg: unknown): Promise<boolean> {
  const { oldPassword, newPassword, updateOtherConnections } = commandArgs<ChangeMyPasswordArgs>(arg);
  const args = { oldPassword, newPassword, updateOtherConnections };
  const flow = new Flow(
    vscode.l10n.t('Change My Password'),
    (connectionGiven(arg) ? 0 : 1) + passwordSteps(args, true),
  );
  return flow.run(() => changeMyPasswordSteps(services, arg, args, flow));
}

async function changeMyPasswordSteps(
  services: Services,
  arg: unknown,
  args: ChangePasswordArgs,
  flow: Flow,
): Promise<boolean> {
  const profile = await resolveConnection(
    services,
    arg,
    (p) => p.auth !== 'none',
    vscode.l10n.t('Select the connection whose login password to change'),
    flow,
  );
  if (profile.auth === 'none')
    throw new MilvusError(
      'invalidInput',
      vscode.l10n.t('"{0}" logs in without a user name, so it has no password to change.', profile.name),
    );
  const target = await resolveActiveConnection(services, { id: profile.id });
  const user = target.loginUser;
  if (user === undefined)
    throw new MilvusError(
      'invalidInput',
      vscode.l10n.t(
        '"{0}" logs in with a token that names no user (an API key), so it has no password to change.',
        profile.name,
      ),
    );
  return changePasswordOf(target, user, args, flow, true);
}

/** `self`: Change My Password, whose total has no step for how (the old password always works for oneself). */
async function changePasswordOf(
  target: ActiveConnection,
  user: string,
  args: ChangePasswordArgs,
  flow: Flow,
  self = false,
): Promise<boolean> {
  const { services } = target;
  if (args.oldPassword) services.log.addSecret(args.oldPassword);
  if (args.newPassword) services.log.addSecret(args.newPassword);
  const [profile, plan] = await Promise.all([target.ruleProfile(), callerFacts(target, user).then(planPasswordChange)]);
  target.log(`Change password of "${user}" as ${target.loginUser ?? 'the connection'}: ${describePlan(plan)}.`);
  if (plan.refusal) throw new MilvusError('permission', plan.refusal);

  let reset = args.reset === true;
  let oldPassword = args.oldPassword;
  if (!reset && oldPassword === undefined && args.newPassword !== undefined) {
    throw new MilvusError(
      'invalidInput',
      vscode.l10n.t('Give the old password (oldPassword), or reset: true for a superuser reset.'),
    );
  }
  if (!reset && oldPassword === undefined) {
    // One's own password: the old one always works, so no question (a superuser reset stays available to callers).
    const askWay = !plan.self && plan.options.length > 1;
    if (!askWay && !self) flow.skip();
    const path = askWay
      ? await flow.pick({
          placeholder: vscode.l10n.t("How should {0}'s password be changed?", user),
          items: plan.options.map((o) => ({ label: o.label, detail: o.detail, value: o.path })),
        })
      : 'oldPassword';
    reset = path === 'reset';
    if (reset) flow.skip();
    else {
      const note = plan.self
        ? ` ${vscode.l10n.t('Only users listed in {0} may skip it, and the server does not reveal that list.', SUPER_USERS_SETTING)}`
        : '';
      oldPassword = await flow.input({
        prompt: `${vscode.l10n.t('Current password of {0}.', user)}${note}`,
        password: true,
        validate: (v) => (v === '' ? vscode.l10n.t('Enter the current password.') : undefined),
      });
      services.log.addSecret(oldPassword);
    }
  }
  const newPassword = args.newPassword ?? (await askNewPassword(flow, profile, user));
  services.log.addSecret(newPassword);
  const violation = checkPassword(newPassword, profile);
  if (violation) throw new MilvusError('invalidInput', violation.message);

  await target.run(vscode.l10n.t('Changing the password of {0}…', user), (api) =>
    api.updatePassword(user, reset ? undefined : oldPassword, newPassword),
  );
  target.log(`Changed the password of user "${user}"${reset ? ' (superuser reset)' : ''}.`);
  const reconnected = await updateStoredSecret(target, user, newPassword);
  const others = await updateOtherConnections(target, user, newPassword, args.updateOtherConnections);
  void vscode.window.showInformationMessage(
    [
      vscode.l10n.t('Changed the password of {0}.', user),
      ...(reconnected ? [vscode.l10n.t('The connection now uses the new password.')] : []),
      ...(others.length > 0 ? [vscode.l10n.t('Also stored for: {0}.', others.join(', '))] : []),
    ].join(' '),
  );
  return true;
}
