// Filter… on the Users, Roles and Privilege groups folders: a name filter over the listing already fetched (the tree's
// own find only sees loaded rows, and long lists are paged).
import { MilvusError } from '../core/errors';
import { FolderNode, type FolderName } from '../tree/nodes/folderNodes';
import { COMMANDS } from './ids';
import { inputText, pickOne } from './pickers';
import { resolveActiveConnection } from './resolvers';
import type { CommandTable } from './registry';
import type { Services } from './services';
import { isConnectionArgs } from './connectionArgs';

type Folder = FolderNode<{ name: string }>;

/** filterFolder({ id, folder, filter }) sets the filter without the InputBox ('' clears it); clearFilter({ id, folder }). */
interface FilterArgs {
  id?: string;
  folder?: FolderName;
  filter?: string;
}

const FOLDERS: { name: FolderName; label: string; what: string }[] = [
  { name: 'users', label: 'Users', what: 'users' },
  { name: 'roles', label: 'Roles', what: 'roles' },
  { name: 'privilegeGroups', label: 'Privilege groups', what: 'privilege groups' },
];

function isFolder(node: unknown): node is Folder {
  return node instanceof FolderNode;
}

/** The folder from its node, from `{ id, folder }`, or picked (connection, then folder); connects when needed. */
async function resolveFolder(services: Services, arg: unknown): Promise<Folder> {
  if (isFolder(arg)) return arg;
  const args: FilterArgs = isConnectionArgs(arg) ? (arg as FilterArgs) : {};
  const target = await resolveActiveConnection(services, arg, 'Select the connection whose list to filter');
  const name =
    args.folder ??
    (await pickOne(
      FOLDERS.map((f) => ({ label: f.label, value: f.name })),
      'Select the list to filter',
    ));
  const connection = services.tree.connectionNode(target.profile.id);
  const folders = connection ? await services.tree.getChildren(connection) : [];
  const folder = folders.find((node): node is Folder => isFolder(node) && node.name === name);
  if (!folder)
    throw new MilvusError(
      'invalidInput',
      `"${target.profile.name}" shows no ${FOLDERS.find((f) => f.name === name)?.what ?? name} folder.`,
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
    const folder = await resolveFolder(services, arg);
    const given = isConnectionArgs(arg) ? (arg as FilterArgs).filter : undefined;
    const what = FOLDERS.find((f) => f.name === folder.name)?.what ?? 'items';
    const filter =
      given ??
      (await inputText({
        prompt: `Show only the ${what} whose name contains this text (any case); empty shows all`,
        placeHolder: 'part of a name',
        value: folder.filter ?? '',
      }));
    return apply(services, folder, filter);
  },

  [COMMANDS.clearFilter]: async (services, arg): Promise<undefined> => {
    await apply(services, await resolveFolder(services, arg), undefined);
    return undefined;
  },
};
