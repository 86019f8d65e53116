import * as vscode from 'vscode';
import type { ConnectionState } from './connectionManager';

/** A connection state in words, for the tree, the status bar and the connection pickers. */
export function stateLabel(state: ConnectionState): string {
  switch (state) {
    case 'connected':
      return vscode.l10n.t('connected');
    case 'connecting':
      return vscode.l10n.t('connecting…');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'unreachable':
      return vscode.l10n.t('unreachable');
    case 'disconnected':
      return vscode.l10n.t('disconnected');
  }
}
