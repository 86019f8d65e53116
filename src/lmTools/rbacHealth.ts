// Tool: RBAC health of a connection (core/access/health.ts), with the policy of the RBAC file linked to it and that
// file's own findings (src/rbacEditor/healthProblems.ts, which also shows them as Problems); the fixes as one plan.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findingTitle, healthMarkdown, healthSummary } from '../core/access/healthRender';
import { reportWhere } from '../webview/accessReportViews';
import { answerFrom, capped, connectionLabel, type ConnectionInput, type ToolServices } from './context';
import { planOffer } from './planOffer';

export function rbacHealthTool(services: ToolServices): vscode.LanguageModelTool<ConnectionInput> {
  return {
    prepareInvocation: ({ input }) => ({
      invocationMessage: vscode.l10n.t('Checking the RBAC health of {0}…', connectionLabel(input)),
    }),
    invoke: ({ input }) =>
      answerFrom(services, input, async (api, profile) => {
        const checked = await services.health.check(api, profile);
        const { shown, more } = capped(checked.findings);
        const where = reportWhere(profile.name, checked.serverVersion);
        // Capped, the table's own summary counts only the rows shown: the whole count goes first.
        const lines =
          more.length > 0
            ? [healthSummary(checked.findings, where), healthMarkdown(shown, where), ...more]
            : [healthMarkdown(shown, where)];
        if (checked.file) {
          const name = path.basename(checked.file.uri.fsPath);
          lines.push(
            checked.file.findings.length === 0
              ? vscode.l10n.t('The linked RBAC file {0} has no findings.', name)
              : vscode.l10n.t('The linked RBAC file {name} has {count} findings (shown as Problems on it):', {
                  name,
                  count: checked.file.findings.length,
                }),
            ...capped(checked.file.findings).shown.map((f) => `- ${findingTitle(f)}: ${f.subject}. ${f.message}`),
          );
        }
        const how = vscode.l10n.t(
          'To apply a fix, the user runs Check RBAC Health on the connection and chooses Fix a Finding…, which asks before sending.',
        );
        return [
          ...lines,
          ...planOffer(
            shown.flatMap((f) => f.fix),
            profile.name,
            how,
          ),
        ];
      }),
  };
}
