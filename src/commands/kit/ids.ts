// Every command id in one table. package.json "contributes.commands" lists the same ids.
const CONNECTION_COMMANDS = {
  addConnection: 'milvusAccessManager.addConnection',
  editConnection: 'milvusAccessManager.editConnection',
  duplicateConnection: 'milvusAccessManager.duplicateConnection',
  removeConnection: 'milvusAccessManager.removeConnection',
  connect: 'milvusAccessManager.connect',
  disconnect: 'milvusAccessManager.disconnect',
  testConnection: 'milvusAccessManager.testConnection',
  refresh: 'milvusAccessManager.refresh',
  showMore: 'milvusAccessManager.showMore',
  showLog: 'milvusAccessManager.showLog',
} as const;

/** The commands that change users, roles, grants and privilege groups on a server. */
export const RBAC_COMMANDS = {
  createUser: 'milvusAccessManager.createUser',
  changePassword: 'milvusAccessManager.changePassword',
  changeMyPassword: 'milvusAccessManager.changeMyPassword',
  dropUser: 'milvusAccessManager.dropUser',
  editUserRoles: 'milvusAccessManager.editUserRoles',
  addRoleMembers: 'milvusAccessManager.addRoleMembers',
  removeRoleMember: 'milvusAccessManager.removeRoleMember',
  editUserDescription: 'milvusAccessManager.editUserDescription',
  createRole: 'milvusAccessManager.createRole',
  duplicateRole: 'milvusAccessManager.duplicateRole',
  editRoleDescription: 'milvusAccessManager.editRoleDescription',
  dropRole: 'milvusAccessManager.dropRole',
  grantPrivilege: 'milvusAccessManager.grantPrivilege',
  revokePrivilege: 'milvusAccessManager.revokePrivilege',
  createPrivilegeGroup: 'milvusAccessManager.createPrivilegeGroup',
  addPrivilegesToGroup: 'milvusAccessManager.addPrivilegesToGroup',
  removePrivilegesFromGroup: 'milvusAccessManager.removePrivilegesFromGroup',
  dropPrivilegeGroup: 'milvusAccessManager.dropPrivilegeGroup',
} as const;

/** Commands that only read and report. */
const INSPECT_COMMANDS = {
  filterFolder: 'milvusAccessManager.filterFolder',
  clearFilter: 'milvusAccessManager.clearFilter',
  showEffectivePrivileges: 'milvusAccessManager.showEffectivePrivileges',
  canUserDo: 'milvusAccessManager.canUserDo',
  whoCan: 'milvusAccessManager.whoCan',
  explainPermissionError: 'milvusAccessManager.explainPermissionError',
  checkRbacHealth: 'milvusAccessManager.checkRbacHealth',
  checkUpgradeImpact: 'milvusAccessManager.checkUpgradeImpact',
} as const;

/** RBAC as a file: export a server's roles, groups, grants and bindings; apply such a file to another server (additive). */
const RBAC_FILE_COMMANDS = {
  exportRbac: 'milvusAccessManager.exportRbac',
  applyRbac: 'milvusAccessManager.applyRbac',
} as const;

/** RBAC as code in the editor: compare, plan, several targets, drift, snapshots (src/commands/rbac*.ts). */
const RBAC_EDITOR_COMMANDS = {
  compareWithServer: 'milvusAccessManager.compareWithServer',
  compareConnections: 'milvusAccessManager.compareConnections',
  planRbac: 'milvusAccessManager.planRbac',
  applyRbacToConnections: 'milvusAccessManager.applyRbacToConnections',
  checkDrift: 'milvusAccessManager.checkDrift',
  showSnapshots: 'milvusAccessManager.showSnapshots',
  restoreSnapshot: 'milvusAccessManager.restoreSnapshot',
} as const;

export const COMMANDS = {
  ...CONNECTION_COMMANDS,
  ...RBAC_COMMANDS,
  ...INSPECT_COMMANDS,
  ...RBAC_FILE_COMMANDS,
  ...RBAC_EDITOR_COMMANDS,
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
