// Tool: everything a user may do, across its roles and public (core/access/effectivePrivileges.ts), as the Markdown
// the Show Effective Privileges report copies.
import * as vscode from 'vscode';
import { effectiveAccess, effectiveAccessMarkdown } from '../core/access/effectivePrivileges';
import { readUserAccess } from '../core/access/read';
import { reportWhere } from '../webview/accessReportViews';
import { answerFrom, connectionLabel, optional, required, type ConnectionInput, type ToolServices } from './context';

export interface UserInput extends ConnectionInput {
  user?: string;
}

export function effectivePrivilegesTool(services: ToolServices): vscode.LanguageModelTool<UserInput> {
  return {
    prepareInvocation: ({ input }) => ({
      invocationMessage: vscode.l10n.t('Reading the privileges of {user} on {connection}…', {
        user: optional(input.user) ?? '',
        connection: connectionLabel(input),
      }),
    }),
    invoke: ({ input }) =>
      answerFrom(services, input, async (api, profile) => {
        const user = required(input.user, 'user');
        const data = await readUserAccess(api, user, `"${profile.name}"`);
        const access = effectiveAccess(user, data.user.roles, data.grantsByRole, data.groups);
        return [effectiveAccessMarkdown(access, reportWhere(profile.name, api.info.version))];
      }),
  };
}
