// Privilege names the client's catalogue (privileges.ts) does not know: a newer server's, or a build's own such as
// 3.0's `Expr`. An RBAC file lists them in `privilegesUnknownToClient` (Export writes the list); parsing, the editor
// and the planner then take a listed name as a privilege and leave its level to the server. A name neither known nor
// listed nor a group is still refused (most often a misspelling or a missing custom group).
import * as l10n from '@vscode/l10n';
import { ANY_PRIVILEGE, isBuiltInGroup, isDefinedPrivilegeName } from '../access/privileges';
import type { RbacFile } from './fileSchema';

export const UNKNOWN_PRIVILEGES_FIELD = 'privilegesUnknownToClient';

/** A name that is no privilege, built-in group or `*` of the catalogue, and none of `groups` (custom groups). */
export function isUnknownToClient(name: string, groups: ReadonlySet<string>): boolean {
  return name !== ANY_PRIVILEGE && !isDefinedPrivilegeName(name) && !isBuiltInGroup(name) && !groups.has(name);
}

/** The names the file declares as privileges this tool may not know. */
export function listedUnknownPrivileges(file: Pick<RbacFile, 'privilegesUnknownToClient'>): ReadonlySet<string> {
  return new Set(file.privilegesUnknownToClient ?? []);
}

/** The unknown names among granted privileges, each once, in first-use order. */
export function unknownPrivilegesOf(privileges: Iterable<string>, groups: ReadonlySet<string>): string[] {
  return [...new Set([...privileges].filter((p) => isUnknownToClient(p, groups)))];
}

/** One note per listed name the file's grants use, for the plan. */
export function unknownPrivilegeNotes(file: RbacFile): string[] {
  const listed = listedUnknownPrivileges(file);
  const groups = new Set(file.privilegeGroups.map((g) => g.name));
  return unknownPrivilegesOf(
    file.grants.map((g) => g.privilege).filter((p) => listed.has(p)),
    groups,
  ).map((privilege) =>
    l10n.t('{privilege} is not known to this tool; the server decides whether and where it applies.', { privilege }),
  );
}
