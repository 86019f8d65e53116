// Refreshes only the tree nodes an action changed, and only those already loaded (never fetches to find them).
import type { RoleWithUsers } from '../../core/types';
import { CTX } from '../../tree/contextValues';
import { ConnectionNode } from '../../tree/nodes/connectionNode';
import { RolesFolderNode, UsersFolderNode } from '../../tree/nodes/folderNodes';
import { PagedNode } from '../../tree/nodes/pagedNode';
import { RoleNode } from '../../tree/nodes/roleNode';
import type { TreeNode } from '../../tree/nodes/treeNode';
import type { Services } from './services';

type FolderKind = typeof CTX.usersFolder | typeof CTX.rolesFolder | typeof CTX.privilegeGroupsFolder;

/** Children a node has already built; [] when nothing is loaded. */
function loaded(node: TreeNode | undefined): readonly TreeNode[] {
  return node instanceof ConnectionNode || node instanceof PagedNode ? node.loadedChildren() : [];
}

function folder(services: Services, connectionId: string, kind: FolderKind): TreeNode | undefined {
  return loaded(services.tree.connectionNode(connectionId)).find((node) => node.kind === kind);
}

/** Refetches the Users, Roles or Privilege groups folder of a connection (one listing RPC when it is shown). */
export function refreshFolders(services: Services, connectionId: string, ...kinds: FolderKind[]): void {
  for (const kind of kinds) {
    const node = folder(services, connectionId, kind);
    if (node) services.tree.refresh(node);
  }
}

/** Refetches one role's grants: the given node, else the role's node if the Roles folder has it. */
export function refreshRole(services: Services, connectionId: string, role: string, node?: TreeNode): void {
  const target =
    node ??
    loaded(folder(services, connectionId, CTX.rolesFolder)).find((n) => n instanceof RoleNode && n.role.name === role);
  if (target) services.tree.refresh(target);
}

/**
 * After a role's members changed: puts the re-read `roles` listing's entry for `role` into the Roles folder and the
 * changed users' roles into the Users folder, re-rendering only those nodes. No RPC: the caller re-read the listing.
 */
export async function updateMembership(
  services: Services,
  connectionId: string,
  roles: readonly RoleWithUsers[],
  role: string,
  users: readonly string[],
): Promise<void> {
  const fresh = roles.find((r) => r.name === role);
  const rolesFolder = folder(services, connectionId, CTX.rolesFolder);
  if (fresh && rolesFolder instanceof RolesFolderNode) await rolesFolder.replaceItem(role, () => fresh);
  const usersFolder = folder(services, connectionId, CTX.usersFolder);
  if (!(usersFolder instanceof UsersFolderNode)) return;
  for (const user of users) {
    const held = roles.filter((r) => r.users.includes(user)).map((r) => r.name);
    // Keep the order the user's roles were listed in; newly bound ones go last.
    await usersFolder.replaceItem(user, (u) => ({
      ...u,
      roles: [...u.roles.filter((r) => held.includes(r)), ...held.filter((r) => !u.roles.includes(r))],
    }));
  }
}
