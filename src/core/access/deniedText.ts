// Reads a Milvus refusal text (pasted by a user, or met by the extension) into what it says: which privilege, which
// user, which database. Texts (docs/milvus-behaviour.md §2.6; milvus internal/proxy/privilege_interceptor.go):
//   2.3+  PrivilegeSearch: permission deny to alice in the `db1` database
//   2.2   PrivilegeSearch: permission deny
//   1401  not allowed to access database, db name: db2: privilege not permitted   (DescribeDatabase, §5.4)
//   65535 etcdserver: invalid auth token   (ListDatabases / ShowCollections as a custom user: a server fault while it
//         reads the caller's grants to filter the list; milvus#39445, milvus#44892, pymilvus#2693)

export type DeniedTextKind = 'permissionDeny' | 'notVisible' | 'invalidAuthToken' | 'unknown';

export interface DeniedText {
  kind: DeniedTextKind;
  /** API name (`Search`), when the text names one. */
  privilege?: string;
  user?: string;
  /** The database the text names: the database the request ran in, not necessarily where the grant is missing. */
  dbName?: string;
  /** What the text names for notVisible: the database or collection the user cannot see. */
  objectKind?: 'database' | 'collection';
  objectName?: string;
}

const PERMISSION_DENY = /Privilege(\w+):\s*permission deny(?: to (.+?) in the [`'"]?([^`'"]*?)[`'"]? database)?/i;
const NOT_VISIBLE = /not allowed to access (database|collection), (?:db|collection) name: ([^:\s]+)/i;
const INVALID_TOKEN = /invalid auth token/i;

export function parseDeniedText(text: string): DeniedText {
  const deny = PERMISSION_DENY.exec(text);
  if (deny) {
    return {
      kind: 'permissionDeny',
      privilege: deny[1],
      ...(deny[2] ? { user: deny[2] } : {}),
      ...(deny[3] !== undefined && deny[2] ? { dbName: deny[3] } : {}),
    };
  }
  const hidden = NOT_VISIBLE.exec(text);
  if (hidden)
    return {
      kind: 'notVisible',
      objectKind: hidden[1]?.toLowerCase() === 'collection' ? 'collection' : 'database',
      objectName: hidden[2] ?? '',
    };
  if (INVALID_TOKEN.test(text)) return { kind: 'invalidAuthToken' };
  return { kind: 'unknown' };
}

/** The refusal text behind an error the extension met: the server's own words when it sent some, else the message. */
export function deniedTextOf(error: { message: string; details?: { serverMessage?: string } }): string {
  return error.details?.serverMessage ?? error.message;
}
