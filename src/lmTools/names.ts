// The tools' names, as package.json contributes them (a table of plain strings: the tests import it without loading
// the extension's code a second time).
export const LM_TOOLS = {
  whoCan: 'milvusAccess_whoCan',
  canUserDo: 'milvusAccess_canUserDo',
  effectivePrivileges: 'milvusAccess_effectivePrivileges',
  explainDenial: 'milvusAccess_explainDenial',
  rbacHealth: 'milvusAccess_rbacHealth',
} as const;
