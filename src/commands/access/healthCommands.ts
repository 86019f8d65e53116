// Check RBAC Health (connection menu, palette) and Check Upgrade Impact… (palette): reports in the access-report
// webview; a health finding's fix runs through the plan runner after a confirmation. The RBAC file linked to the
// connection gives the policy, and its own findings show as Problems on it (src/rbacEditor/healthProblems.ts).
import * as vscode from 'vscode';
import type { Finding } from '../../core/access/health';
import {
  HEALTH_COLUMNS,
  findingTitle,
  fixText,
  healthMarkdown,
  healthRows,
  healthSummary,
} from '../../core/access/healthRender';
import { readAccessModel } from '../../core/access/explainRead';
import { KNOWN_RELEASES } from '../../core/access/releaseCatalogue';
import { upgradeImpact, type UpgradeImpact } from '../../core/access/upgrade';
import { markdownCell } from '../../core/access/effectivePrivileges';
import { openAccessReport } from '../../webview/accessReport';
import { reportWhere } from '../../webview/accessReportViews';
import { commandArgs, type ConnectionRef } from '../kit/args';
import { COMMANDS } from '../kit/ids';
import { pickOne } from '../kit/pickers';
import { runPlan } from '../kit/planRunner';
import type { CommandTable } from '../kit/registry';
import { resolveActiveConnection } from '../kit/resolvers';
import type { Services } from '../kit/services';
import type { ActiveConnection } from '../kit/activeConnection';

export interface HealthArgs extends ConnectionRef {
  /** Tests: apply the fix of the finding at this index (after the confirmation). */
  fixIndex?: number;
}
export interface HealthResult {
  findings: Finding[];
  markdown: string;
  fixed?: Finding;
}

async function applyFix(services: Services, target: ActiveConnection, finding: Finding): Promise<boolean> {
  const action = vscode.l10n.t('Apply');
  const answer = await services.confirmations.ask(
    vscode.l10n.t('Fix "{0}"?', finding.subject),
    fixText(finding),
    action,
  );
  if (answer !== action) return false;
  await runPlan(
    target,
    { steps: finding.fix, skippedUsers: [] },
    {
      title: vscode.l10n.t('Fixing {0}', finding.subject),
      action: vscode.l10n.t('Fixing "{subject}" on "{connection}"', {
        subject: finding.subject,
        connection: target.profile.name,
      }),
      logPrefix: `Health fix (${finding.code})`,
    },
  );
  return true;
}

export const healthCommands: CommandTable = {
  [COMMANDS.checkRbacHealth]: async (services: Services, arg): Promise<HealthResult> => {
    const args = commandArgs<HealthArgs>(arg);
    const target = await resolveActiveConnection(services, arg, vscode.l10n.t('Select the connection to check'));
    const { findings, where } = await target.run(vscode.l10n.t('Checking RBAC health…'), async (api) => ({
      findings: (await services.rbacEditor.health.check(api, target.profile)).findings,
      where: reportWhere(target.profile.name, api.info.version),
    }));
    const markdown = healthMarkdown(findings, where);
    openAccessReport(
      services.context,
      {
        title: vscode.l10n.t('RBAC health · {0}', target.profile.name),
        heading: vscode.l10n.t('RBAC health'),
        summary: [healthSummary(findings, where)],
        columns: HEALTH_COLUMNS(),
        rows: healthRows(findings),
        empty: vscode.l10n.t('No findings.'),
        markdown,
        filterHint: vscode.l10n.t('Filter by finding, role, user or grant'),
      },
      (m) => services.log.warn(m),
    );
    target.log(`RBAC health: ${findings.length} findings.`);
    const fixable = findings.filter((f) => f.fix.length > 0);
    if (args.fixIndex !== undefined) {
      const finding = findings[args.fixIndex];
      return finding && finding.fix.length > 0 && (await applyFix(services, target, finding))
        ? { findings, markdown, fixed: finding }
        : { findings, markdown };
    }
    if (fixable.length > 0) {
      const button = vscode.l10n.t('Fix a Finding…');
      void vscode.window
        .showWarningMessage(healthSummary(findings, where), button)
        .then(async (choice) => {
          if (choice !== button) return;
          const finding = await pickOne(
            fixable.map((f) => ({ label: f.subject, description: findingTitle(f), detail: fixText(f), value: f })),
            vscode.l10n.t('Select the finding to fix'),
          );
          await applyFix(services, target, finding);
        })
        .then(undefined, (e: unknown) => services.log.warn(String(e)));
    }
    return { findings, markdown };
  },

  [COMMANDS.checkUpgradeImpact]: async (services: Services, arg): Promise<UpgradeImpact & { markdown: string }> => {
    const args = commandArgs<ConnectionRef & { to?: string }>(arg);
    const target = await resolveActiveConnection(services, arg, vscode.l10n.t('Select the connection to check'));
    const to =
      args.to ??
      (await pickOne(
        KNOWN_RELEASES.map((r) => ({ label: r, value: r as string })),
        vscode.l10n.t('Select the release to upgrade to'),
      ));
    const { impact, where } = await target.run(vscode.l10n.t('Reading users, roles and grants…'), async (api) => {
      const model = await readAccessModel(api);
      return {
        impact: upgradeImpact(model.serverVersion, to, [...model.grantsByRole.values()].flat(), model.users),
        where: reportWhere(target.profile.name, api.info.version),
      };
    });
    const rows = [
      ...impact.groups.map((g) => [vscode.l10n.t('Built-in group'), g.group, g.gained.join(', '), g.lost.join(', ')]),
      ...impact.requests.map((r) => [
        r.added ? vscode.l10n.t('New request') : vscode.l10n.t('Request'),
        r.rpc,
        r.after ? `${r.after.privilege} (${r.after.objectType})` : '',
        r.before ? `${r.before.privilege} (${r.before.objectType})` : '',
      ]),
      ...impact.roles.flatMap((role) =>
        role.through.map((t) => [
          vscode.l10n.t('Role'),
          `${role.role} (${role.users.join(', ')})`,
          t.gained.join(', '),
          t.lost.join(', '),
        ]),
      ),
    ];
    const columns = [
      vscode.l10n.t('What'),
      vscode.l10n.t('Name'),
      vscode.l10n.t('Gains / needs after'),
      vscode.l10n.t('Loses / needed before'),
    ];
    const markdown = [
      `# ${vscode.l10n.t('Upgrade impact: Milvus {from} → {to}', { from: impact.from, to: impact.to })}`,
      '',
      `| ${columns.join(' | ')} |`,
      `|${' --- |'.repeat(columns.length)}`,
      ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
      '',
    ].join('\n');
    openAccessReport(
      services.context,
      {
        title: vscode.l10n.t('Upgrade impact · {0}', to),
        heading: vscode.l10n.t('Upgrade impact: Milvus {from} → {to}', { from: impact.from, to: impact.to }),
        summary: [
          vscode.l10n.t('On {0}. Computed locally from the releases the extension knows; nothing is sent.', where),
        ],
        columns,
        rows,
        empty: vscode.l10n.t('Nothing changes.'),
        markdown,
        filterHint: vscode.l10n.t('Filter by group, request or role'),
      },
      (m) => services.log.warn(m),
    );
    return { ...impact, markdown };
  },
};
