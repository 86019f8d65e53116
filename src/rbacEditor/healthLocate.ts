// Where a health finding about an RBAC file sits in the file's text: the grant entry it names, else the role's entry,
// else the user's binding. No vscode import: the Problems publisher turns these into ranges.
import { parseTree, type Node } from 'jsonc-parser';
import type { Finding } from '../core/access/health';
import { field, items, text } from './rbacLint';

export interface FindingPlace {
  offset: number;
  length: number;
  /** For a grant finding: the grant's index in "grants" (what a quick fix removes). */
  grantIndex?: number;
}

const place = (node: Node | undefined, grantIndex?: number): FindingPlace | undefined =>
  node ? { offset: node.offset, length: node.length, ...(grantIndex === undefined ? {} : { grantIndex }) } : undefined;

function grantPlace(root: Node, finding: Finding): FindingPlace | undefined {
  const grant = finding.grant;
  if (!grant) return undefined;
  const entries = items(root, 'grants');
  const index = entries.findIndex(
    (g) =>
      text(field(g, 'role')) === grant.role &&
      text(field(g, 'privilege')) === grant.privilege &&
      text(field(g, 'dbName')) === grant.dbName &&
      text(field(g, 'collectionName')) === grant.objectName,
  );
  return index < 0 ? undefined : place(entries[index], index);
}

/** The `key` node of the entry of `section` whose `key` is `name` (a role's name, a binding's user). */
function namedPlace(root: Node, section: string, key: string, name: string | undefined): FindingPlace | undefined {
  if (name === undefined) return undefined;
  return place(
    items(root, section)
      .map((entry) => field(entry, key))
      .find((n) => text(n) === name),
  );
}

/** The place of each finding (undefined: the file has no entry for it, e.g. a built-in group). */
export function locateFindings(content: string, findings: readonly Finding[]): (FindingPlace | undefined)[] {
  const root = parseTree(content, [], { allowTrailingComma: true, disallowComments: false });
  if (root?.type !== 'object') return findings.map(() => undefined);
  return findings.map(
    (f) =>
      grantPlace(root, f) ??
      namedPlace(root, 'roles', 'name', f.role) ??
      namedPlace(root, 'userRoles', 'user', f.user) ??
      namedPlace(root, 'roles', 'name', f.grant?.role),
  );
}
