// Tool: why a request was (or would be) refused, from a pasted Milvus error text or a user, an operation and where
// (core/access/explain.ts, read as Explain a Permission Error… reads); the smallest fix offered as a plan.
import * as vscode from 'vscode';
import { parseDeniedText, type DeniedText } from '../core/access/deniedText';
import {
  explain,
  questionFromOperation,
  questionFromText,
  UnknownUserError,
  type ExplainQuestion,
} from '../core/access/explain';
import { readAccessModel } from '../core/access/explainRead';
import { explanationLines } from '../core/access/explainRender';
import { grantKey } from '../core/rbac/plan';
import type { RbacApplyStep } from '../core/rbac/steps';
import type { GrantSpec } from '../core/types';
import {
  answerFrom,
  connectionLabel,
  optional,
  required,
  ToolInputError,
  type ConnectionInput,
  type ToolServices,
} from './context';
import { planOffer } from './planOffer';

export interface ExplainInput extends ConnectionInput {
  errorText?: string;
  user?: string;
  operation?: string;
  database?: string;
  collection?: string;
  targetUser?: string;
  role?: string;
}

function question(
  input: ExplainInput,
  denied: DeniedText | undefined,
  serverVersion: string,
  login: string,
  database: string,
): ExplainQuestion {
  const user = optional(input.user);
  const dbName = optional(input.database);
  const collectionName = optional(input.collection);
  if (denied) {
    const asked = questionFromText(
      denied,
      { ...(user ? { user } : {}), ...(dbName ? { dbName } : {}), ...(collectionName ? { collectionName } : {}) },
      serverVersion,
      login,
    );
    if (!asked)
      throw new ToolInputError(
        vscode.l10n.t(
          'This is no Milvus permission refusal the extension knows: expected "permission deny", "privilege not permitted" or "invalid auth token".',
        ),
      );
    return asked;
  }
  const operation = required(input.operation, 'operation');
  const asked = questionFromOperation(operation, {
    user: required(user, 'user'),
    dbName: dbName ?? database,
    collectionName,
    targetUser: optional(input.targetUser),
    role: optional(input.role),
  });
  if (!asked) throw new ToolInputError(vscode.l10n.t('Unknown operation "{0}".', operation));
  return asked;
}

export function explainDenialTool(services: ToolServices): vscode.LanguageModelTool<ExplainInput> {
  return {
    prepareInvocation: ({ input }) => ({
      invocationMessage: vscode.l10n.t('Explaining the refusal on {0}…', connectionLabel(input)),
    }),
    invoke: ({ input }) =>
      answerFrom(services, input, async (api, profile) => {
        const model = await readAccessModel(api);
        const text = optional(input.errorText);
        const denied = text ? parseDeniedText(text) : undefined;
        const asked = question(input, denied, model.serverVersion, api.info.user ?? '', api.info.database);
        let explanation;
        try {
          explanation = explain(asked, model, denied);
        } catch (e) {
          if (e instanceof UnknownUserError)
            throw new ToolInputError(
              vscode.l10n.t('There is no user "{user}" on {server}.', { user: e.user, server: `"${profile.name}"` }),
            );
          throw e;
        }
        const fixes = new Map<string, GrantSpec>();
        for (const step of explanation.steps) if (step.fix) fixes.set(grantKey(step.fix), step.fix);
        const how = vscode.l10n.t(
          'To apply it, the user runs Explain a Permission Error… in the Milvus view and chooses Grant the Fix…, which asks before sending.',
        );
        const plan: RbacApplyStep[] = [...fixes.values()]
          .filter((f) => f.role)
          .map((grant) => ({ kind: 'grant', grant }));
        // Without a role of its own to grant to, the explanation's lines already name the fix "to a role of the user".
        const offer = plan.length > 0 ? planOffer(plan, profile.name, how) : fixes.size > 0 ? ['', how] : [];
        return [...explanationLines(explanation), ...offer];
      }),
  };
}
