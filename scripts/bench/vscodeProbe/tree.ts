// Tree timing inside VS Code, through the extension's test API: connect to a test server holding many users, expand the
// Users folder the way VS Code's extension host does (await getChildren, then getTreeItem for every child in one go),
// and record the longest synchronous slice of the extension host while doing it. First page, then every "Show more"
// until all users are shown (the worst case: the full list rendered at once).
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/tree/nodes/treeNode';
import { BlockMonitor, settle } from '../blockMonitor';

export interface TreeExpansion {
  items: number;
  /** Longest synchronous slice from asking for the children to having every TreeItem (fetch and decode included). */
  longestBlockMs: number;
  /** The getTreeItem loop alone (one synchronous slice in VS Code's extension host). */
  treeItemsMs: number;
  totalMs: number;
}

export interface TreeFigures {
  users: number;
  pageSize: number;
  /** Longest synchronous slice over the first expansion of the Users folder (what a user sees). */
  longestBlockMs: number;
  itemsInFirstPage: number;
  totalMs: number;
  firstPage: TreeExpansion;
  /** Refresh of the Users folder on the now warm connection: fetch and first page again, without first-use costs. */
  refreshed?: TreeExpansion;
  /** After "Show more" until every user is listed: the biggest page VS Code would have to render. */
  allShown?: TreeExpansion & { showMoreClicks: number };
  how: string;
}

async function expand(
  tree: MilvusAccessManagerApi['tree'],
  node: TreeNode,
): Promise<{ children: TreeNode[]; figures: TreeExpansion }> {
  await settle();
  const monitor = new BlockMonitor();
  monitor.start();
  const t0 = performance.now();
  const children = await tree.getChildren(node);
  const t1 = performance.now();
  for (const child of children) tree.getTreeItem(child);
  const t2 = performance.now();
  await settle();
  const longestBlockMs = monitor.stop();
  return { children, figures: { items: children.length, longestBlockMs, treeItemsMs: t2 - t1, totalMs: t2 - t0 } };
}

/** Adds a connection to the bench's test server and connects it: the extension's own first connect, timed. */
export async function connectBench(apiValue: unknown, address: string): Promise<{ id: string; connectMs: number }> {
  const api = apiValue as MilvusAccessManagerApi | undefined;
  const profile = await vscode.commands.executeCommand<{ id: string } | undefined>(
    'milvusAccessManager.addConnection',
    {
      profile: { name: 'bench', uri: `http://${address}`, database: 'default', auth: 'none', tls: { mode: 'off' } },
    },
  );
  if (!profile) throw new Error(`addConnection failed: ${api?.commandErrors?.last?.message ?? ''}`);
  const t0 = performance.now();
  const info = await vscode.commands.executeCommand<unknown>('milvusAccessManager.connect', { id: profile.id });
  const connectMs = performance.now() - t0;
  if (!info) throw new Error(`connect failed: ${api?.commandErrors?.last?.message ?? ''}`);
  return { id: profile.id, connectMs };
}

export async function measureTree(apiValue: unknown, connectionId: string, users: number): Promise<TreeFigures> {
  const api = apiValue as MilvusAccessManagerApi | undefined;
  if (!api?.tree) throw new Error('the extension test API exposes no tree');
  const root = api.tree.connectionNode(connectionId);
  if (!root) throw new Error('no tree node for the bench connection');
  const folders = await api.tree.getChildren(root);
  const usersFolder = folders.find((n) => n.kind === 'folder.users');
  if (!usersFolder) {
    const labels = folders.map((n) => {
      const label = api.tree.getTreeItem(n).label;
      return `${n.kind}: ${typeof label === 'string' ? label : (label?.label ?? '')}`;
    });
    throw new Error(`no Users folder under the connection (children: ${labels.join('; ')})`);
  }

  const first = await expand(api.tree, usersFolder);
  api.tree.refresh(usersFolder);
  const refreshed = (await expand(api.tree, usersFolder)).figures;
  const pageSize = vscode.workspace.getConfiguration('milvusAccessManager').get<number>('pageSize', 500);

  let allShown: TreeFigures['allShown'];
  let clicks = 0;
  let last = first;
  while (last.children.some((n) => n.kind === 'showMore') && clicks < 1000) {
    const more = last.children.find((n) => n.kind === 'showMore') as TreeNode;
    api.tree.showMore(more as unknown as { owner: TreeNode });
    clicks++;
    last = await expand(api.tree, usersFolder);
    const worst = Math.max(allShown?.longestBlockMs ?? 0, last.figures.longestBlockMs);
    allShown = { ...last.figures, longestBlockMs: worst, showMoreClicks: clicks };
  }
  return {
    users,
    pageSize,
    longestBlockMs: first.figures.longestBlockMs,
    itemsInFirstPage: first.figures.items,
    totalMs: first.figures.totalMs,
    firstPage: first.figures,
    refreshed,
    allShown,
    how: 'extension test API in code-server: await getChildren(Users) then getTreeItem for each child, as the extension host does; event-loop gaps measured by a timer chain',
  };
}
