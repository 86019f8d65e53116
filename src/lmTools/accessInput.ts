// The question a who-can / can-user-do tool asks, from the model's input: a privilege (as Milvus names it; a
// `Privilege` prefix, as refusal texts print it, is dropped), where it is checked, and the database the connection uses
// when the input names none (as the commands do for a cluster-level privilege).
import * as vscode from 'vscode';
import type { AccessQuery } from '../core/access/query';
import { isDefinedPrivilegeName, isUnknownPrivilegeName } from '../core/access/privileges';
import { nearestName, privilegeAndGroupNames } from '../core/access/nearestName';
import { optional, required, ToolInputError, type ConnectionInput } from './context';

export interface AccessInput extends ConnectionInput {
  privilege?: string;
  database?: string;
  collection?: string;
}

/** `PrivilegeSearch` → `Search`; an unknown name is refused with the nearest known one. */
export function privilegeName(raw: string): string {
  const bare = raw.replace(/^Privilege(?=[A-Z])/, '');
  const name = isDefinedPrivilegeName(bare) ? bare : raw;
  if (isDefinedPrivilegeName(name) || !isUnknownPrivilegeName(name)) return name;
  const near = nearestName(name, privilegeAndGroupNames());
  throw new ToolInputError(
    near
      ? vscode.l10n.t('Milvus has no privilege named "{name}"; did you mean "{near}"?', { name, near })
      : vscode.l10n.t('Milvus has no privilege named "{0}".', name),
  );
}

/** The query: every collection (`*`) unless one is named; the connection's database unless one is named. */
export function accessQuery(input: AccessInput, connectionDatabase: string): AccessQuery {
  return {
    privilege: privilegeName(required(input.privilege, 'privilege')),
    dbName: optional(input.database) ?? connectionDatabase,
    collectionName: optional(input.collection) ?? '*',
  };
}
