// Refreshes only the tree nodes an action changed, and only those already loaded (never fetches to find them).
import { CTX } from '../tree/contextValues';
import { ConnectionNode } from '../tree/nodes/connectionNode';
import { PagedNode } from '../tree/nodes/pagedNode';
import { RoleNode } from '../tree/nodes/roleNode';
import type { TreeNode } from '../tree/nodes/treeNode';
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
  const target = node ?? loaded(folder(services, connectionId, CTX.rolesFolder)).find((n) => n instanceof RoleNode && n.role.name === role);
  if (target) services.tree.refresh(target);
}
