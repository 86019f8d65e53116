// Show Effective Privileges: what a user may do, across all its roles (and public), as a rendered, filterable report.
import * as vscode from 'vscode';
import { effectiveAccess, type EffectiveAccess } from '../../core/access/effectivePrivileges';
import { readUserAccess } from '../../core/access/read';
import { openAccessReport } from '../../webview/accessReport';
import { effectiveAccessView, reportWhere } from '../../webview/accessReportViews';
import { accessQueryCommands } from './queries';
import { COMMANDS } from '../kit/ids';
import { resolveUser } from '../kit/resolvers';
import type { CommandTable } from '../kit/registry';
import type { Services } from '../kit/services';

export interface EffectivePrivilegesReport {
  user: string;
  access: EffectiveAccess;
  /** What "Copy as Markdown" copies. */
  markdown: string;
  /** The report panel's title. */
  title: string;
}

export const inspectCommands: CommandTable = {
  [COMMANDS.showEffectivePrivileges]: async (services: Services, arg): Promise<EffectivePrivilegesReport> => {
    const { target, user } = await resolveUser(services, arg, {
      title: vscode.l10n.t('Show Effective Privileges'),
      placeholder: vscode.l10n.t('Select the user whose effective privileges to show'),
    });
    const { access, where } = await target.run(vscode.l10n.t('Reading the privileges of {0}…', user), async (api) => {
      const data = await readUserAccess(api, user, `"${target.profile.name}"`);
      return {
        access: effectiveAccess(user, data.user.roles, data.grantsByRole, data.groups, api.info.flavor),
        where: reportWhere(target.profile.name, api.info.version),
      };
    });
    const view = effectiveAccessView(access, where);
    openAccessReport(services.context, view, (m) => services.log.warn(m));
    target.log(`Showed the effective privileges of "${user}".`);
    return { user, access, markdown: view.markdown, title: view.title };
  },
  ...accessQueryCommands,
};
