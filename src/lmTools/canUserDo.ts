// Tool: may a user do a privilege on a database or collection, and through which role and grant
// (core/access/query.ts canDo); when not, the smallest grant that allows it (core/access/explain.ts), as a plan.
import * as vscode from 'vscode';
import { BUILTIN_ROLES } from '../core/access/builtIns';
import { smallestGrant } from '../core/access/explain';
import { grantLabel } from '../core/access/explainRender';
import { objectTypeOf } from '../core/access/privileges';
import { canDo, canSentence } from '../core/access/query';
import { readUserAccess } from '../core/access/read';
import { accessQuery, type AccessInput } from './accessInput';
import { answerFrom, connectionLabel, optional, required, type ToolServices } from './context';
import { planOffer } from './planOffer';

export interface CanUserDoInput extends AccessInput {
  user?: string;
}

export function canUserDoTool(services: ToolServices): vscode.LanguageModelTool<CanUserDoInput> {
  return {
    prepareInvocation: ({ input }) => ({
      invocationMessage: vscode.l10n.t('Checking on {connection} whether {user} may do {privilege}…', {
        connection: connectionLabel(input),
        user: optional(input.user) ?? '',
        privilege: optional(input.privilege) ?? '',
      }),
    }),
    invoke: ({ input }) =>
      answerFrom(services, input, async (api, profile) => {
        const user = required(input.user, 'user');
        const query = accessQuery(input, api.info.database);
        const data = await readUserAccess(api, user, `"${profile.name}"`);
        const answer = canDo(user, data.user.roles, query, data.grantsByRole, data.groups);
        if (answer.allowed) return [canSentence(answer)];
        const role = data.user.roles.filter((r) => !BUILTIN_ROLES.has(r)).sort()[0];
        const fix = smallestGrant(query, objectTypeOf(query.privilege), role ?? '');
        const how = vscode.l10n.t(
          'To apply it, the user runs Grant Privilege… on the role in the Milvus view, which asks before sending.',
        );
        return [
          canSentence(answer),
          ...(role
            ? planOffer([{ kind: 'grant', grant: fix }], profile.name, how)
            : ['', vscode.l10n.t('Smallest fix: {0}', grantLabel(fix)), how]),
        ];
      }),
  };
}
