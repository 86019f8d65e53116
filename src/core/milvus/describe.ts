// The one line that says what a connection reached (the form's Test, Test Connection): the product by its name, so a
// Zilliz Cloud cluster is not called Milvus.
import * as l10n from '@vscode/l10n';
import type { ServerInfo } from '../types';

function product(info: ServerInfo): string {
  switch (info.flavor) {
    case 'zilliz-dedicated':
      return l10n.t('Zilliz Cloud (Dedicated, compatible with Milvus {version})', { version: info.version });
    case 'zilliz-serverless':
      return l10n.t('Zilliz Cloud (Serverless, compatible with Milvus {version})', { version: info.version });
    default:
      return l10n.t('Milvus {version}', { version: info.version });
  }
}

export function describeServer(info: ServerInfo): string {
  const args = { server: product(info), user: info.user ?? l10n.t('anonymous'), database: info.database };
  return info.tls === 'off'
    ? l10n.t('Connected to {server} as {user} (database {database}).', args)
    : l10n.t('Connected to {server} as {user} (database {database}, TLS {tls}).', { ...args, tls: info.tls });
}
