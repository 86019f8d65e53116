// Tool: who may do a privilege on a database or collection (core/access/query.ts whoCan, read as the Who Can command
// reads: one SelectUser, one SelectGrant per role in use, the groups).
import * as vscode from 'vscode';
import { queryLabel, reasonLabel, whoCan } from '../core/access/query';
import { readEveryonesAccess } from '../core/access/read';
import { accessQuery, type AccessInput } from './accessInput';
import { answerFrom, capped, connectionLabel, optional, type ToolServices } from './context';

export function whoCanTool(services: ToolServices): vscode.LanguageModelTool<AccessInput> {
  return {
    prepareInvocation: ({ input }) => ({
      invocationMessage: vscode.l10n.t('Asking {connection} who can do {privilege}…', {
        connection: connectionLabel(input),
        privilege: optional(input.privilege) ?? '',
      }),
    }),
    invoke: ({ input }) =>
      answerFrom(services, input, async (api) => {
        const query = accessQuery(input, api.info.database);
        const data = await readEveryonesAccess(api);
        const answer = whoCan(query, data.users, data.grantsByRole, data.groups);
        const what = queryLabel(query);
        if (answer.users.length === 0) return [vscode.l10n.t('Nobody may do {0}.', what)];
        const { shown, more } = capped(answer.users);
        return [
          vscode.l10n.t('{count} users may do {what}:', { count: answer.users.length, what }),
          ...shown.map((u) => `- ${u.user}: ${u.unrestricted ?? u.reasons.map(reasonLabel).join('; ')}`),
          ...more,
        ];
      }),
  };
}
