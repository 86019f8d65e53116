// "Can <user> do <privilege> on <db>.<collection>?" (user menu, palette) and "Who can do <privilege> on
// <db>.<collection>?" (grant and connection menus, palette). The answers come from src/core/access/query.ts.
import * as vscode from 'vscode';
import { canDo, canSentence, whoCan, type AccessQuery, type CanAnswer, type WhoAnswer } from '../../core/access/query';
import { readEveryonesAccess, readUserAccess } from '../../core/access/read';
import { groupMembers } from '../../core/access/effectivePrivileges';
import { grantScope } from '../../core/access/grantScope';
import { levelOf, objectTypeOf, PRIVILEGES } from '../../core/access/privileges';
import type { PrivilegeLevel } from '../../core/types';
import { GrantNode } from '../../tree/nodes/grantNode';
import { openAccessReport } from '../../webview/accessReport';
import { reportWhere, whoCanView } from '../../webview/accessReportViews';
import { COMMANDS } from '../kit/ids';
import { Flow } from '../kit/multiStep';
import { pickCollection, pickDatabase, pickUser } from '../kit/pickers';
import type { ActiveConnection } from '../kit/activeConnection';
import { commandArgs, type GrantArgs } from '../kit/args';
import { connectionGiven } from '../kit/connectionArgs';
import { resolveActiveConnection, resolveUser } from '../kit/resolvers';
import type { CommandTable } from '../kit/registry';
import type { Services } from '../kit/services';

const LEVEL_ORDER: PrivilegeLevel[] = ['Collection', 'Database', 'Cluster'];

function levelHeading(level: PrivilegeLevel): string {
  return level === 'Collection'
    ? vscode.l10n.t('Collection privileges')
    : level === 'Database'
      ? vscode.l10n.t('Database privileges')
      : vscode.l10n.t('Cluster privileges');
}

/** A concrete privilege (not a group), collection-level first: what the question is about. */
function pickPrivilegeToCheck(flow: Flow, placeHolder: string, only?: readonly string[]): Promise<string> {
  const names = only ?? PRIVILEGES.map((p) => p.name);
  const items = LEVEL_ORDER.flatMap((level) => {
    const here = names.filter((n) => (levelOf(n) ?? 'Cluster') === level);
    return here.length === 0
      ? []
      : [
          { label: levelHeading(level), kind: vscode.QuickPickItemKind.Separator },
          ...here.map((name) => ({ label: name, value: name })),
        ];
  });
  return flow.pick({ placeholder: placeHolder, items });
}

/**
 * The database a cluster-level privilege is checked in without asking: the server checks the request's database (the
 * connection's), which for a cluster-level privilege is no choice of the user's; the answer names no database.
 */
function clusterDatabase(target: ActiveConnection): string {
  return target.services.connections.status(target.profile.id).info?.database ?? target.profile.database;
}

type Where = { dbName?: string; collectionName?: string };

/** The steps of pickWhere counted in a flow's total: the database and the object, unless given. */
function whereSteps(given: Where): number {
  return (given.dbName === undefined ? 1 : 0) + (given.collectionName === undefined ? 1 : 0);
}

/**
 * Where the question is asked: a database (not for cluster-level privileges), and a collection for collection
 * privileges or a user for user privileges. A step not needed is skipped: the flow's total stays.
 */
async function pickWhere(flow: Flow, target: ActiveConnection, privilege: string, given: Where): Promise<AccessQuery> {
  const cluster = levelOf(privilege) === 'Cluster';
  if (given.dbName === undefined && cluster) flow.skip();
  const dbName = given.dbName ?? (cluster ? clusterDatabase(target) : await pickDatabase(flow, target, false));
  if (given.collectionName !== undefined) return { privilege, dbName, collectionName: given.collectionName };
  if (objectTypeOf(privilege) === 'User')
    return {
      privilege,
      dbName,
      collectionName: await pickUser(target, {
        flow,
        placeholder: vscode.l10n.t('Select the user that {0} acts on', privilege),
      }),
    };
  if (levelOf(privilege) === 'Collection')
    return { privilege, dbName, collectionName: await pickCollection(flow, target, dbName) };
  flow.skip();
  return { privilege, dbName, collectionName: '*' };
}

export interface WhoCanReport extends WhoAnswer {
  title: string;
  markdown: string;
}

/** The question a grant node asks: its privilege (a member, when it is a group) where the grant applies. */
async function queryOfGrant(target: ActiveConnection, node: GrantNode): Promise<AccessQuery> {
  const scope = grantScope(node.grant);
  const groups = (await target.features()).privilegeGroups ? await target.read((api) => api.listPrivilegeGroups()) : [];
  const members = groupMembers(groups)(node.grant.privilege);
  const privilege = members
    ? await pickPrivilegeToCheck(
        new Flow(vscode.l10n.t('Who Can')),
        vscode.l10n.t('Who can do which privilege of {0}? Select the privilege', node.grant.privilege),
        members,
      )
    : node.grant.privilege;
  return { privilege, dbName: scope.dbName, collectionName: scope.objectName };
}

/** Reads everyone's access once and opens the answer to `query`. */
async function whoCanReport(target: ActiveConnection, query: AccessQuery): Promise<WhoCanReport> {
  const { answer, where } = await target.run(vscode.l10n.t('Reading users, roles and grants…'), async (api) => {
    const data = await readEveryonesAccess(api);
    return {
      answer: whoCan(query, data.users, data.grantsByRole, data.groups, api.info.flavor),
      where: reportWhere(target.profile.name, api.info.version),
    };
  });
  const view = whoCanView(answer, where);
  openAccessReport(target.services.context, view, (m) => target.services.log.warn(m));
  target.log(`Showed who can do ${query.privilege} (${answer.users.length} users).`);
  return { ...answer, title: view.title, markdown: view.markdown };
}

export const accessQueryCommands: CommandTable = {
  [COMMANDS.canUserDo]: async (services: Services, arg): Promise<CanAnswer> => {
    const args = commandArgs<GrantArgs>(arg);
    const flow = new Flow(vscode.l10n.t('Can User Do'), (args.privilege ? 0 : 1) + whereSteps(args));
    const { target, user, query } = await flow.run(async () => {
      const { target, user } = await resolveUser(services, arg, {
        title: flow.title,
        placeholder: vscode.l10n.t('Select the user to check'),
        flow,
      });
      const privilege =
        args.privilege ??
        (await pickPrivilegeToCheck(flow, vscode.l10n.t('Can {0} do which privilege? Select the privilege', user)));
      return { target, user, query: await pickWhere(flow, target, privilege, args) };
    });
    const answer = await target.run(vscode.l10n.t('Checking what {0} may do…', user), async (api) => {
      const data = await readUserAccess(api, user, `"${target.profile.name}"`);
      return canDo(user, data.user.roles, query, data.grantsByRole, data.groups, api.info.flavor);
    });
    const sentence = canSentence(answer);
    target.log(sentence);
    void vscode.window.showInformationMessage(sentence, vscode.l10n.t('Show Effective Privileges')).then((button) => {
      if (button)
        void vscode.commands.executeCommand(COMMANDS.showEffectivePrivileges, { id: target.profile.id, user });
    });
    return answer;
  },

  [COMMANDS.whoCan]: async (services: Services, arg): Promise<WhoCanReport> => {
    const args = commandArgs<GrantArgs>(arg);
    if (arg instanceof GrantNode) {
      const target = await resolveActiveConnection(services, arg);
      return whoCanReport(target, await queryOfGrant(target, arg));
    }
    const flow = new Flow(
      vscode.l10n.t('Who Can'),
      (connectionGiven(arg) ? 0 : 1) + (args.privilege ? 0 : 1) + whereSteps(args),
    );
    const { target, query } = await flow.run(async () => {
      const target = await resolveActiveConnection(
        services,
        arg,
        vscode.l10n.t('Select the connection to ask "who can…?"'),
        flow,
      );
      const privilege =
        args.privilege ??
        (await pickPrivilegeToCheck(flow, vscode.l10n.t('Who can do which privilege? Select the privilege')));
      return { target, query: await pickWhere(flow, target, privilege, args) };
    });
    return whoCanReport(target, query);
  },
};
