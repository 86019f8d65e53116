// A change an answer proposes, written as an RBAC plan for the user to confirm in the extension: the tools never send
// it. Grouped by role like a plan document (core/rbac/planRender.ts).
import * as vscode from 'vscode';
import { planSections, stepLine } from '../core/rbac/planRender';
import type { RbacApplyStep } from '../core/rbac/steps';

/** The plan's lines, or none when there is nothing to change; `how` says where in the extension to confirm it. */
export function planOffer(steps: readonly RbacApplyStep[], connection: string, how: string): string[] {
  if (steps.length === 0) return [];
  return [
    '',
    vscode.l10n.t(
      'Proposed change for "{0}", as an RBAC plan (not applied: nothing is sent unless the user confirms it):',
      connection,
    ),
    ...planSections(steps).flatMap(([title, own]) => [title, ...own.map((s) => `  ${stepLine(s)}`)]),
    how,
  ];
}
