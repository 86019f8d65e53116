// Duplicate Role: a new role with the same grants (in every database) and description, for a variant of an access
// profile. Members are not copied: who holds the new role is a separate decision.
import * as vscode from 'vscode';
import { ADMIN_ROLE } from '../../core/access/builtIns';
import { MilvusError } from '../../core/errors/milvusError';
import { takenNameMessage } from '../../core/rules/newNames';
import type { RbacApplyStep } from '../../core/rbac/steps';
import { grantToSpec } from '../../core/rbac/plan';
import { checkRoleName } from '../../core/rules/checks';
import { CTX } from '../../tree/contextValues';
import { Flow } from '../kit/multiStep';
import { runPlan } from '../kit/planRunner';
import { commandArgs, type DuplicateRoleArgs } from '../kit/args';
import { resolveRole } from '../kit/resolvers';
import type { Services } from '../kit/services';
import { refreshFolders } from '../kit/treeRefresh';

export interface DuplicateRoleResult {
  role: string;
  from: string;
  grants: number;
}

export async function duplicateRole(services: Services, arg: unknown): Promise<DuplicateRoleResult> {
  const given = commandArgs<DuplicateRoleArgs>(arg).newRole;
  const flow = new Flow(vscode.l10n.t('Duplicate Role'), given === undefined ? 1 : 0);
  return flow.run(() => duplicateIn(flow, services, arg, given));
}

async function duplicateIn(
  flow: Flow,
  services: Services,
  arg: unknown,
  given: string | undefined,
): Promise<DuplicateRoleResult> {
  const { target, role } = await resolveRole(services, arg, {
    title: flow.title,
    placeholder: vscode.l10n.t('Select the role to duplicate'),
    filter: (name) => name !== ADMIN_ROLE,
    flow,
  });
  if (role === ADMIN_ROLE) {
    throw new MilvusError(
      'invalidInput',
      vscode.l10n.t(
        'admin has no grants to copy: the server lets its holders do everything. Bind users to admin instead.',
      ),
    );
  }
  const profile = await target.ruleProfile();
  const [grants, roles, features] = await target.run(vscode.l10n.t('Reading role {0}…', role), (api) =>
    Promise.all([api.listGrants(role), api.listRolesWithUsers(), api.features()]),
  );
  const existing = roles.map((r) => r.name);
  const problem = (name: string): string | undefined =>
    checkRoleName(name, profile)?.message ?? takenNameMessage('role', name, existing);
  const name = (
    given ??
    (await flow.input({
      prompt: vscode.l10n.t('Name of the copy of {0}', role),
      value: `${role}_copy`,
      validate: problem,
    }))
  ).trim();
  const refused = problem(name);
  if (refused) throw new MilvusError('invalidInput', refused);

  const description = features.descriptions ? roles.find((r) => r.name === role)?.description || undefined : undefined;
  const steps: RbacApplyStep[] = [
    { kind: 'createRole', role: name, description },
    ...grants.map((g): RbacApplyStep => ({ kind: 'grant', grant: { ...grantToSpec(g), role: name } })),
  ];
  try {
    await runPlan(
      target,
      { steps, skippedUsers: [] },
      {
        title: vscode.l10n.t('Duplicating {role} as {name}', { role, name }),
        action: vscode.l10n.t('Duplicating role "{role}" as "{name}" on "{connection}"', {
          role,
          name,
          connection: target.profile.name,
        }),
        logPrefix: `Duplicate of ${role}`,
      },
    );
  } finally {
    refreshFolders(services, target.profile.id, CTX.rolesFolder);
  }
  target.log(`Duplicated role "${role}" as "${name}" with its ${grants.length} grants.`);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Created role {name} with the {count} grants of {role}. Members were not copied.', {
      name,
      count: grants.length,
      role,
    }),
  );
  return { role: name, from: role, grants: grants.length };
}
