import * as vscode from 'vscode';
import type { ConnectionStatus } from '../../connections/connectionManager';
import { SecretPromptCancelled } from '../../connections/secretPrompts';
import { stateLabel } from '../../connections/stateLabels';
import type { ConnectionProfile, Flavor } from '../../core/types';
import { CTX } from '../contextValues';
import { PrivilegeGroupsFolderNode, RolesFolderNode, UsersFolderNode } from './folderNodes';
import { MessageNode } from './messageNode';
import { TreeNode, type TreeContext } from './treeNode';
import { escape } from './userNode';

const CONNECT_COMMAND = 'milvusAccessManager.connect';

/**
 * A saved connection. Expanding it connects (unless the user disconnected on purpose); its children are the three
 * folders, built once per connection.
 */
export class ConnectionNode extends TreeNode {
  readonly kind = 'connection';
  readonly id: string;
  private folders: Promise<TreeNode[]> | undefined;
  /** The folders once built, for commands that refresh one of them. */
  private built: TreeNode[] = [];

  constructor(
    public profile: ConnectionProfile,
    private readonly ctx: TreeContext,
  ) {
    super(undefined);
    this.id = `conn:${profile.id}`;
  }

  get connectionId(): string {
    return this.profile.id;
  }

  get flavor(): Flavor | undefined {
    return this.ctx.connections.status(this.profile.id).info?.flavor;
  }

  get status(): ConnectionStatus {
    return this.ctx.connections.status(this.profile.id);
  }

  treeItem(): vscode.TreeItem {
    const status = this.status;
    const item = new vscode.TreeItem(this.profile.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = status.state === 'connected' ? CTX.connectedConnection : CTX.disconnectedConnection;
    item.iconPath = icon(status);
    const decoration = this.ctx.decoration(this.profile.id);
    item.description = [describe(this.profile, status), decoration?.description].filter(Boolean).join(' · ');
    item.tooltip = tooltip(this.profile, status);
    if (decoration) item.tooltip.appendMarkdown(`\n\n${decoration.tooltip}`);
    return item;
  }

  async children(): Promise<TreeNode[]> {
    const status = this.status;
    if (status.state === 'failed' || status.state === 'unreachable') {
      // The folders built before the server went away are stale: the next connect builds them again.
      this.invalidate();
      const reason = status.error?.message ?? vscode.l10n.t('Connection failed.');
      return [new MessageNode(this, 'error', vscode.l10n.t('{0} Refresh to try again.', reason))];
    }
    if (status.state === 'disconnected' && status.manual) return [this.disconnectedMessage()];
    this.folders ??= this.buildFolders();
    return this.folders;
  }

  invalidate(): void {
    this.folders = undefined;
    this.built = [];
  }

  /** The folders already built (never connects or fetches). */
  loadedChildren(): readonly TreeNode[] {
    return this.built;
  }

  private async buildFolders(): Promise<TreeNode[]> {
    try {
      const api = await this.ctx.connections.connect(this.profile.id);
      const features = await api.features().catch(() => undefined);
      const loginUser = (): string | undefined => this.ctx.connections.status(this.profile.id).info?.user;
      // Unknown features (the probe failed) leave the items shown: the command itself then explains what is missing.
      const folders: TreeNode[] = [
        new UsersFolderNode(this, this.ctx, loginUser, features?.descriptions !== false),
        new RolesFolderNode(this, this.ctx, features?.alterRole !== false),
      ];
      if (features?.privilegeGroups !== false) folders.push(new PrivilegeGroupsFolderNode(this, this.ctx));
      this.built = folders;
      return folders;
    } catch (error) {
      this.folders = undefined;
      // A dismissed password prompt is not an error.
      return [error instanceof SecretPromptCancelled ? this.disconnectedMessage() : MessageNode.forError(this, error)];
    }
  }

  private disconnectedMessage(): MessageNode {
    return new MessageNode(this, 'info', vscode.l10n.t('Disconnected. Click to connect.'), {
      command: CONNECT_COMMAND,
      title: vscode.l10n.t('Connect'),
      arguments: [this],
    });
  }
}

function icon(status: ConnectionStatus): vscode.ThemeIcon {
  switch (status.state) {
    case 'connected':
      return new vscode.ThemeIcon('database', new vscode.ThemeColor('charts.green'));
    case 'connecting':
      return new vscode.ThemeIcon('loading~spin');
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    case 'unreachable':
      return new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('errorForeground'));
    default:
      return new vscode.ThemeIcon('database', new vscode.ThemeColor('disabledForeground'));
  }
}

function describe(profile: ConnectionProfile, status: ConnectionStatus): string {
  switch (status.state) {
    case 'connected':
      return `${status.info?.user ?? vscode.l10n.t('anonymous')}@${status.info?.database ?? profile.database} · ${status.info?.version ?? ''}`.trim();
    case 'connecting':
    case 'failed':
    case 'unreachable':
      return stateLabel(status.state);
    default:
      return profile.sessionOnly ? vscode.l10n.t('session only') : '';
  }
}

function tooltip(profile: ConnectionProfile, status: ConnectionStatus): vscode.MarkdownString {
  const tls =
    profile.tls.mode === 'off'
      ? vscode.l10n.t('off')
      : profile.tls.mode === 'oneWay'
        ? vscode.l10n.t('one-way')
        : vscode.l10n.t('mutual');
  const lines = [
    `**${escape(profile.name)}** — ${stateLabel(status.state)}`,
    `URI: \`${profile.uri}\``,
    vscode.l10n.t('Database: `{0}`', status.info?.database ?? profile.database),
    vscode.l10n.t(
      'User: {0}',
      profile.auth === 'password'
        ? `\`${profile.username ?? ''}\``
        : profile.auth === 'token'
          ? vscode.l10n.t('token')
          : vscode.l10n.t('none'),
    ),
    profile.tls.serverName
      ? vscode.l10n.t('TLS: {mode} (server name `{name}`)', { mode: tls, name: profile.tls.serverName })
      : vscode.l10n.t('TLS: {0}', tls),
  ];
  if (status.info) lines.push(vscode.l10n.t('Server: Milvus `{0}`', status.info.version));
  if (status.info?.flavor === 'zilliz-dedicated') lines.push(vscode.l10n.t('Zilliz Cloud Dedicated cluster'));
  if (status.info?.flavor === 'zilliz-serverless') lines.push(vscode.l10n.t('Zilliz Cloud Serverless cluster'));
  if (profile.sessionOnly) lines.push(vscode.l10n.t('Kept for this session only'));
  if (profile.askSecret)
    lines.push(
      profile.auth === 'token'
        ? vscode.l10n.t('Token asked on connect, never stored')
        : vscode.l10n.t('Password asked on connect, never stored'),
    );
  if (status.error) lines.push(vscode.l10n.t('Last error: {0}', escape(status.error.message)));
  return new vscode.MarkdownString(lines.join('\n\n'));
}
