import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { ConnectionManager } from './connections/connectionManager';
import { SecretPrompts } from './connections/secretPrompts';
import { Confirmations } from './commands/kit/confirm';
import { connectionCommands } from './commands/connections/connectionCommands';
import { inspectCommands } from './commands/access/effective';
import { explainCommands } from './commands/access/explainCommand';
import { healthCommands } from './commands/access/healthCommands';
import { filterCommands } from './commands/kit/filter';
import { memberCommands } from './commands/roles/members';
import { onDidShowInput, onDidShowPick } from './commands/kit/multiStep';
import { privilegeGroupCommands } from './commands/roles/privilegeGroups';
import { privilegeCommands } from './commands/roles/grants';
import { rbacCompareCommands } from './commands/rbacFiles/compare';
import { rbacFileCommands } from './commands/rbacFiles/fileCommands';
import { rbacMultiApplyCommands } from './commands/rbacFiles/multiApply';
import { rbacSnapshotCommands } from './commands/rbacFiles/snapshots';
import { roleCommands } from './commands/roles/roleCommands';
import { userCommands } from './commands/users/userCommands';
import { explainNoKeytarInBuild, SECRET_BACKEND_SETTING } from './commands/connections/keychain';
import { registerCommands, type CommandErrors } from './commands/kit/registry';
import { SeedConnectionSchema, type SeedConnection } from './core/connectionSchema';
import { checkShape } from './core/schema';
import { readSecretFile } from './core/secretFile';
import { isUriViolation, parseConnectionUri } from './core/milvus/uri';
import type { Services } from './commands/kit/services';
import { Log } from './log';
import { registerLanguageModelTools, type LanguageModelTools } from './lmTools/tools';
import { createRbacEditor, type RbacEditor } from './rbacEditor/rbacEditor';
import { ConnectionStatusBar } from './connections/statusBar';
import { SecretStorageBackend } from './storage/backends/secretStorageBackend';
import type { SecretBackendId } from './storage/backends/secretBackend';
import { keytarInBuild } from './storage/backends/keytarInBuild';
import { ProfileStore } from './storage/profileStore';
import { SecretVault, secretInMemory } from './storage/secretVault';
import { ConnectionsTreeProvider } from './tree/connectionsTree';
import type { TreeNode } from './tree/nodes/treeNode';

const SECTION = 'milvusAccessManager';
export const VIEW_ID = 'milvusAccessManager.connections';

/**
 * What activate() returns in ExtensionMode.Test only (the test/vscode suites and the bench); in normal use activate()
 * returns nothing, because any installed extension can read another's exports and this API holds the secret vault.
 *
 * Commands take the tree node (menus), nothing (palette: the user picks), or a plain object (tests):
 *   addConnection({ profile, secret? })            -> ConnectionProfile   (no form)
 *   editConnection({ id, profile?, secret? })      -> ConnectionProfile   (no form when profile or secret is given)
 *   duplicateConnection({ id, name? })             -> ConnectionProfile
 *   removeConnection({ id, confirm: true })        -> true                (no modal)
 *   connect({ id }) / testConnection({ id })       -> ServerInfo
 *   disconnect({ id }), refresh({ id } | node | undefined)
 * Users, roles, privileges and privilege groups (`id` = connection id; one interface per command in src/commands/kit/args.ts):
 *   createUser({ id, username, password, roles?, description? })   -> UserRolesReport   (no form; without username: the form)
 *   changePassword({ id, user, oldPassword, newPassword })         -> true  (own change; the stored secret is updated
 *   changePassword({ id, user, reset: true, newPassword })         -> true   and the connection reconnects when `user`
 *                                                                             is the connection's own user)
 *   dropUser({ id, user, confirm: true, confirmSelf?: true })      -> true  (confirmSelf: the connection's own user)
 *   editUserRoles({ id, user, roles })                             -> UserRolesReport (only the difference is applied)
 *   editUserDescription({ id, user, description? })                -> DescriptionEdit (no InputBox when given)
 *   createRole({ id, role, description? })                         -> role name
 *   duplicateRole({ id, role, newRole })                           -> DuplicateRoleResult (grants and description; no members)
 *   editRoleDescription({ id, role, description? })                -> DescriptionEdit (no InputBox when given)
 *   dropRole({ id, role, confirm: true, revokeGrants?: true })     -> DropRoleResult (revokeGrants: revoke all and drop)
 *   grantPrivilege({ id, role, privilege, dbName?, collectionName? })   -> GrantSpec (`*` when omitted)
 *   revokePrivilege({ id, role, privilege, dbName?, collectionName?, confirm: true }) -> GrantSpec
 *   createPrivilegeGroup({ id, group, privileges? })               -> PrivilegeGroup
 *   addPrivilegesToGroup / removePrivilegesFromGroup({ id, group, privileges }) -> PrivilegeGroup (after)
 *   dropPrivilegeGroup({ id, group, confirm: true })               -> true
 *   showEffectivePrivileges({ id, user })                          -> EffectivePrivilegesReport (also opens the report webview)
 *   canUserDo({ id, user, privilege, dbName, collectionName })     -> CanAnswer (no pickers; a notification says yes/no and why)
 *   whoCan({ id, privilege, dbName, collectionName })              -> WhoCanReport (no pickers; also opens the report webview)
 *   exportRbac({ id, file })                                       -> RbacExportResult (no save dialog; see src/commands/rbacFiles/fileCommands.ts)
 *   applyRbac({ id, file, confirm: true, mode? })                  -> RbacApplyResult  (no open dialog, no modal; mode additive
 *                                                                                     unless 'exact'; see src/commands/rbacFiles/apply.ts)
 *   planRbac({ id, file, mode? })                                  -> RbacPlanResult   (opens the plan document; sends nothing)
 *   applyRbacToConnections({ ids, file, confirm?, mode? })         -> MultiApplyResult (see src/commands/rbacFiles/multiApply.ts)
 *   compareWithServer({ id, file }) / compareConnections({ id, otherId }) -> CompareResult (opens the diff editor)
 *   checkDrift({ id })                                             -> DriftState[] (no notification)
 *   showSnapshots({ id, list: true })                              -> SnapshotInfo[] (no QuickPick)
 *   restoreSnapshot({ id, snapshot, confirm?, mode? })             -> RbacApplyResult (a planned apply of the snapshot)
 * Language-model tools (src/lmTools/names.ts LM_TOOLS; read-only, each answer names its connection):
 *   lmTools[name].invoke({ input, toolInvocationToken: undefined }, token) -> LanguageModelToolResult (one text part)
 * Without `confirm: true` a destructive command asks through `confirmations` (a modal; tests set its responder).
 * A connection with `askSecret: true` stores no secret: connecting asks through `secretPrompts` (an InputBox; tests set
 * its responder) and keeps the answer in memory for this session.
 * A failed command shows its error, logs it, resolves undefined, and leaves it in `commandErrors.last`.
 */
export interface MilvusAccessManagerApi {
  readonly profiles: ProfileStore;
  readonly vault: SecretVault;
  readonly connections: ConnectionManager;
  readonly tree: ConnectionsTreeProvider;
  /** The Connections view: tests reveal and expand nodes through it as a user would. */
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly log: Log;
  readonly commandErrors: CommandErrors;
  /** The modal confirmations of destructive commands: tests set `responder` and read `asked`. */
  readonly confirmations: Confirmations;
  /** The password/token prompt of ask-on-connect connections: tests set `responder` and read `asked`. */
  readonly secretPrompts: SecretPrompts;
  /** Fires with each QuickPick a palette flow shows: tests read its items and answer it. */
  readonly onDidShowPick: vscode.Event<vscode.QuickPick<vscode.QuickPickItem>>;
  /** Fires with each InputBox a palette flow shows: tests read its title and answer it. */
  readonly onDidShowInput: vscode.Event<vscode.InputBox>;
  /** RBAC as code in the editor: drift states, the drift status bar item, snapshots, server documents. */
  readonly rbacEditor: RbacEditor;
  /** The language-model tools by name (src/lmTools): tests invoke them directly where the host cannot. */
  readonly lmTools: LanguageModelTools;
  /** Settles when the seedConnections setting has been applied. */
  readonly seeded: Promise<void>;
  /** How long activate() took, in milliseconds. */
  readonly activationMs: number;
  readonly globalState: vscode.Memento;
  /** `<user-data-dir>/User/globalStorage/<extension id>`: tests find settings.json two levels up. */
  readonly globalStorageUri: vscode.Uri;
  /** The extension's log folder (the "Milvus" channel's file is inside). */
  readonly logUri: vscode.Uri;
}

function setting<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration(SECTION).get<T>(key, fallback);
}

const keytarChosen = (): boolean => setting<SecretBackendId>('secretBackend', 'secretStorage') === 'keytar';

/** The seeds from the settings that fit the schema and have a valid address; the others are reported, not guessed at. */
function validSeeds(log: Log): SeedConnection[] {
  const configured = setting<unknown>('seedConnections', []);
  if (!Array.isArray(configured)) {
    log.warn('seedConnections must be a list of connections; nothing is added from it.');
    return [];
  }
  return configured.flatMap((entry: unknown, index) => {
    const skip = (problem: string): [] => {
      log.warn(`${problem} This seed is skipped.`);
      return [];
    };
    const checked = checkShape(SeedConnectionSchema, entry, `seedConnections[${index}]`);
    if (!checked.ok) return skip(`${checked.at}: ${checked.message}`);
    const parsed = parseConnectionUri(checked.value.uri);
    // The address itself is not logged: a malformed one might hold a password.
    return isUriViolation(parsed) ? skip(`seedConnections[${index}].uri: ${parsed.message}`) : [checked.value];
  });
}

/**
 * The demo password (`npm start`): MILVUS_DEMO_PASSWORD_FILE names a file only this user can read (mode 600) that holds
 * it. The environment carries only the path: code-server passes its environment to every integrated terminal.
 */
function demoPassword(log: Log): string | undefined {
  if (process.env.MILVUS_DEMO_PASSWORD)
    log.warn(
      'MILVUS_DEMO_PASSWORD is ignored: a password in the environment reaches every terminal. Put it in a file (chmod 600) and set MILVUS_DEMO_PASSWORD_FILE to its path.',
    );
  const file = process.env.MILVUS_DEMO_PASSWORD_FILE;
  if (!file) return undefined;
  try {
    return readSecretFile(file);
  } catch (error) {
    log.warn(
      `The demo password was not read from MILVUS_DEMO_PASSWORD_FILE: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}

/** Adds the connections from the seedConnections setting (demo and shared set-ups); MILVUS_DEMO_PASSWORD_FILE supplies a demo password. */
async function applySeeds(profiles: ProfileStore, vault: SecretVault, log: Log): Promise<void> {
  const seeds = validSeeds(log);
  if (seeds.length === 0) return;
  const added = await profiles.addSeeds(seeds);
  for (const profile of added)
    log.info(`Added connection "${profile.name}" (${profile.uri}) from the seedConnections setting.`);
  const password = demoPassword(log);
  if (!password) return;
  for (const seed of seeds) {
    const profile = profiles.findByNameAndUri(seed.name.trim(), seed.uri.trim());
    if (profile?.auth === 'password' && !(await vault.has(profile.id))) {
      await vault.store(profile.id, { password });
      log.info(`Stored the demo password (from MILVUS_DEMO_PASSWORD_FILE) for "${profile.name}".`);
    }
  }
}

export function activate(context: vscode.ExtensionContext): MilvusAccessManagerApi | undefined {
  const started = performance.now();
  // src/core and the form markup translate through @vscode/l10n: give it the bundle VS Code loaded for this language.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = new Log();
  const profiles = new ProfileStore(context.globalState, (message) => log.warn(message));
  const vault = new SecretVault({
    secretStorage: new SecretStorageBackend(context.secrets),
    backendId: () => (keytarChosen() && keytarInBuild() ? 'keytar' : 'secretStorage'),
    onSecret: (value) => log.addSecret(value),
    inMemory: (id) => secretInMemory(profiles.get(id)),
  });
  const secretPrompts = new SecretPrompts();
  const connections = new ConnectionManager({
    profiles,
    vault,
    log,
    timeoutMs: () => setting('requestTimeoutMs', 15000),
    askSecret: (profile, refused) => secretPrompts.ask(profile, refused),
  });
  const tree = new ConnectionsTreeProvider(profiles, connections, () => Math.max(10, setting('pageSize', 500)));
  const treeView = vscode.window.createTreeView<TreeNode>(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  tree.trackExpansion(treeView);
  const statusBar = new ConnectionStatusBar(connections);
  const rbacEditor = createRbacEditor({ profiles, connections, tree, log, globalStorageUri: context.globalStorageUri });
  context.subscriptions.push(log, profiles, connections, tree, treeView, statusBar, rbacEditor);

  const confirmations = new Confirmations();
  const services: Services = {
    context,
    profiles,
    vault,
    connections,
    tree,
    treeView: treeView as vscode.TreeView<unknown>,
    log,
    confirmations,
    rbacEditor,
  };
  const lmTools = registerLanguageModelTools({ profiles, connections, log, health: rbacEditor.health });
  context.subscriptions.push(lmTools.disposable);
  const commandErrors = registerCommands(services, [
    connectionCommands,
    userCommands,
    roleCommands,
    privilegeCommands,
    privilegeGroupCommands,
    inspectCommands,
    explainCommands,
    healthCommands,
    rbacFileCommands,
    rbacCompareCommands,
    rbacSnapshotCommands,
    rbacMultiApplyCommands,
    memberCommands,
    filterCommands,
  ]);

  // One seeding at a time, so two quick settings changes cannot add the same seed twice.
  let seeding = Promise.resolve();
  const seed = (): Promise<void> => {
    seeding = seeding
      .then(() => applySeeds(profiles, vault, log))
      .catch((error: unknown) => log.error('Applying seedConnections failed:', error));
    return seeding;
  };

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.pageSize`)) tree.refresh();
      if (event.affectsConfiguration(`${SECTION}.seedConnections`)) {
        void seed();
      }
      if (event.affectsConfiguration(SECRET_BACKEND_SETTING)) {
        if (keytarChosen() && !keytarInBuild()) void explainNoKeytarInBuild(log);
        log.info(
          `Secret backend is now ${vault.backendId}. Secrets stored in the other backend are not moved: edit a connection to store its secret again.`,
        );
      }
    }),
  );

  const seeded = seed();
  if (keytarChosen() && !keytarInBuild()) void explainNoKeytarInBuild(log);
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms (secret backend: ${vault.backendId}).`);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    profiles,
    vault,
    connections,
    tree,
    treeView,
    log,
    commandErrors,
    confirmations,
    secretPrompts,
    onDidShowPick,
    onDidShowInput,
    rbacEditor,
    lmTools: lmTools.tools,
    seeded,
    activationMs,
    globalState: context.globalState,
    globalStorageUri: context.globalStorageUri,
    logUri: context.logUri,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (clients are closed by ConnectionManager.dispose).
}
