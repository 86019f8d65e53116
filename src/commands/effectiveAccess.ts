// Show Effective Privileges: what a user may do, across all its roles (and public), as a read-only Markdown report.
import * as vscode from 'vscode';
import { effectiveAccess, effectiveAccessMarkdown, rolesInEffect } from '../core/effectivePrivileges';
import { MilvusError } from '../core/errors';
import type { Grant } from '../core/types';
import { COMMANDS } from './ids';
import { resolveUser } from './rbacTargets';
import type { CommandTable } from './registry';
import type { Services } from './services';

const SCHEME = 'milvus-access-manager';

/** Read-only documents for the reports: no file on disk, no "save changes?" when closed. */
class Reports implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }
}

let reports: Reports | undefined;

/** Registered on first use, so activation stays as it is. */
function reportDocuments(services: Services): Reports {
  if (!reports) {
    const created = new Reports();
    services.context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(SCHEME, created), {
      dispose: () => {
        reports = undefined;
      },
    });
    reports = created;
  }
  return reports;
}

export interface EffectivePrivilegesReport {
  user: string;
  markdown: string;
  uri: string;
}

export const inspectCommands: CommandTable = {
  [COMMANDS.showEffectivePrivileges]: async (services, arg): Promise<EffectivePrivilegesReport> => {
    const { target, user } = await resolveUser(services, arg, 'Select the user whose privileges to show');
    const markdown = await target.run(`Reading the privileges of ${user}…`, async (api) => {
      const described = await api.describeUser(user);
      if (!described) throw new MilvusError('server', `There is no user "${user}" on "${target.profile.name}".`);
      const roles = rolesInEffect(described.roles);
      const features = await api.features();
      // One SelectGrant per role (db `*`), all at once; groups only where the server has them.
      const [grants, groups] = await Promise.all([
        Promise.all(roles.map(async (role): Promise<[string, Grant[]]> => [role, await api.listGrants(role)])),
        features.privilegeGroups ? api.listPrivilegeGroups() : Promise.resolve([]),
      ]);
      const where = `"${target.profile.name}" (Milvus ${api.info.version})`;
      return effectiveAccessMarkdown(effectiveAccess(user, described.roles, new Map(grants), groups), where);
    });
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${target.profile.name.replace(/[\\/]/g, '-')}/${user} privileges.md` });
    reportDocuments(services).set(uri, markdown);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
    target.log(`Showed the effective privileges of "${user}".`);
    return { user, markdown, uri: uri.toString() };
  },
};
