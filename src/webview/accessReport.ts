// The access reports (effective privileges, who can) in a WebviewPanel: rendered, filterable, copyable as Markdown.
import * as vscode from 'vscode';
import { accessReportBody, type AccessReportView } from './accessReportMarkup';
import { openFormPanel, type Log } from './panelHost';

export type { AccessReportView };

export const ACCESS_REPORT_VIEW_TYPE = 'milvusAccessManager.accessReport';

export function openAccessReport(
  context: vscode.ExtensionContext,
  view: AccessReportView,
  log?: Log,
): vscode.WebviewPanel {
  return openFormPanel(context, {
    kind: 'accessReport',
    viewType: ACCESS_REPORT_VIEW_TYPE,
    title: view.title,
    body: accessReportBody(view),
    init: {},
    log,
    onMessage: async (message, form) => {
      await vscode.env.clipboard.writeText(view.markdown);
      form.reply({ type: 'result', requestId: message.requestId, ok: true });
    },
  }).panel;
}
