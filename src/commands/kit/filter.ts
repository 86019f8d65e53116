// Filter… on the Users, Roles and Privilege groups folders: a name filter over the listing already fetched (the tree's
// own find only sees loaded rows, and long lists are paged).
import * as vscode from 'vscode';
import { MilvusError } from '../../core/errors/milvusError';
import { FolderNode, type FolderName } from '../../tree/nodes/folderNodes';
import { COMMANDS } from './ids';
import { Flow } from './multiStep';
import { resolveActiveConnection } from './resolvers';
import type { CommandTable } from './registry';
import type { Services } from './services';
import { connectionGiven, isConnectionArgs } from './connectionArgs';

type Folder = FolderNode<{ name: string }>;

/** filterFolder({ id, folder, filter }) sets the filter without the InputBox ('' clears it); clearFilter({ id, folder }). */
interface FilterArgs {
  id?: string;
  folder?: FolderName;
  filter?: string;
}

/** Called when shown, never at load: the l10n bundle may not be loaded yet when this module is. */
const FOLDERS = (): { name: FolderName; label: string; prompt: string; missing: (connection: string) => string }[] => [
  {
    name: 'users',
    label: vscode.l10n.t('Users'),
    prompt: vscode.l10n.t('Show only the users whose name contains this text (any case); empty shows all'),
    missing: (connection) => vscode.l10n.t('"{0}" shows no users folder.', connection),
  },
  {
    name: 'roles',
    label: vscode.l10n.t('Roles'),
    prompt: vscode.l10n.t('Show only the roles whose name contains this text (any case); empty shows all'),
    missing: (connection) => vscode.l10n.t('"{0}" shows no roles folder.', connection),
  },
  {
    name: 'privilegeGroups',
    label: vscode.l10n.t('Privilege groups'),
    prompt: vscode.l10n.t('Show only the privilege groups whose name contains this text (any case); empty shows all'),
    missing: (connection) => vscode.l10n.t('"{0}" shows no privilege groups folder.', connection),
  },
];

function isFolder(node: unknown): node is Folder {
  return node instanceof FolderNode;
}

/** The folder from its node, from `{ id, folder }`, or picked (connection, then folder); connects when needed. */
async function resolveFolder(services: Services, arg: unknown, flow = new Flow(undefined)): Promise<Folder> {
  if (isFolder(arg)) return arg;
  const args: FilterArgs = isConnectionArgs(arg) ? (arg as FilterArgs) : {};
  const target = await resolveActiveConnection(
    services,
    arg,
    vscode.l10n.t('Select the connection whose list to filter'),
    flow,
  );
  const name =
    args.folder ??
    (await flow.pick({
      placeholder: vscode.l10n.t('Select the list to filter'),
      items: FOLDERS().map((f) => ({ label: f.label, value: f.name })),
    }));
  const connection = services.tree.connectionNode(target.profile.id);
  const folders = connection ? await services.tree.getChildren(connection) : [];
  const folder = folders.find((node): node is Folder => isFolder(node) && node.name === name);
  if (!folder)
    throw new MilvusError(
      'invalidInput',
      FOLDERS()
        .find((f) => f.name === name)
        ?.missing(target.profile.name) ?? name,
    );
  return folder;
}

/** Sets the filter and brings the folder into view, expanded. */
async function apply(services: Services, folder: Folder, filter: string | undefined): Promise<string | undefined> {
  folder.setFilter(filter);
  await services.treeView?.reveal(folder, { expand: true, select: false }).then(undefined, () => undefined);
  return folder.filter;
}

export const filterCommands: CommandTable = {
  [COMMANDS.filterFolder]: async (services, arg): Promise<string | undefined> => {
    const args: FilterArgs = isConnectionArgs(arg) ? (arg as FilterArgs) : {};
    const steps = isFolder(arg)
      ? [args.filter === undefined]
      : [!connectionGiven(arg), args.folder === undefined, args.filter === undefined];
    const flow = new Flow(vscode.l10n.t('Filter'), steps.filter(Boolean).length);
    const { folder, filter } = await flow.run(async () => {
      const folder = await resolveFolder(services, arg, flow);
      const filter =
        args.filter ??
        (await flow.input({
          prompt: FOLDERS().find((f) => f.name === folder.name)?.prompt ?? '',
          placeholder: vscode.l10n.t('part of a name'),
          value: folder.filter ?? '',
        }));
      return { folder, filter };
    });
    return apply(services, folder, filter);
  },

  [COMMANDS.clearFilter]: async (services, arg): Promise<undefined> => {
    await apply(services, await resolveFolder(services, arg), undefined);
    return undefined;
  },
};
