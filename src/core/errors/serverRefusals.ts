// The RBAC refusals Milvus answers with a Status, as sentences with a remedy. The server's own text stays in
// `details.serverMessage` (logged, not shown). Patterns cover the three text eras of docs/milvus-behaviour.md §3.2/§3.3:
// 2.6.19+ (": invalid parameter" suffix, quoted names), 2.6.6–2.6.18 (no suffix) and 2.5 ("not found the …").
// Each sentence is made when a refusal is explained (l10n is configured at activation, after this module loads).

import * as l10n from '@vscode/l10n';
import { MilvusError } from './milvusError';

type Refusal = readonly [RegExp, (m: RegExpExecArray) => string];

/** `name:"r1"` (protobuf text of a RoleEntity, spacing unstable) → r1; a plain name stays as is. */
function entityName(text: string): string {
  return /name:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? text;
}

/** A limit printed as `32` or, by 2.5, as `%!d(string=32)`. */
function number(text: string): string {
  return /\d+/.exec(text)?.[0] ?? text;
}

/** The server's list of allowed name characters (docs/milvus-behaviour.md §3.1), in the display language when known. */
function allowedCharacters(text: string): string {
  switch (text) {
    case 'numbers, letters and underscores':
      return l10n.t('numbers, letters and underscores');
    case 'numbers, letters, underscores, dots, and hyphens':
      return l10n.t('numbers, letters, underscores, dots, and hyphens');
    case 'numbers, letters, underscores, and allowed characters ($)':
      return l10n.t('numbers, letters, underscores, and allowed characters ($)');
    case 'numbers, letters, dollars and underscores':
      return l10n.t('numbers, letters, dollars and underscores');
    default:
      return text;
  }
}

const REFUSALS: readonly Refusal[] = [
  // already exists
  [
    /user already exists: (.+?)(?:: invalid parameter)?$|user \[(.+?)\] already exists/,
    (m) =>
      l10n.t(
        'A user named "{user}" already exists. Choose another name, or change the existing user\'s password or roles instead.',
        { user: m[1] ?? m[2] },
      ),
  ],
  [
    /role \[(.*)\] already exists/,
    (m) =>
      l10n.t(
        'A role named "{role}" already exists. Choose another name, or grant privileges to the existing role instead.',
        { role: entityName(m[1]) },
      ),
  ],
  [
    /privilege group name \[(.+?)\] is defined by users|privilege group \[(.+?)\] already exists/,
    (m) =>
      l10n.t(
        'A privilege group named "{group}" already exists. Choose another name, or add privileges to the existing group instead.',
        { group: m[1] ?? m[2] },
      ),
  ],
  [
    /privilege group name \[(.+?)\] is defined by built in privileges/,
    (m) =>
      l10n.t('"{name}" is the name of a built-in privilege or privilege group. Choose another name.', { name: m[1] }),
  ],
  // not found
  [
    /the grantor user "(.+?)" does not exist/,
    (m) =>
      l10n.t(
        'The server records the connection\'s user as the grantor, and there is no user "{user}". Connect as an existing user (with authentication off, as root).',
        { user: m[1] },
      ),
  ],
  [
    /user "(.+?)" not found|not found the user|update credential: user not found/,
    (m) =>
      m[1]
        ? l10n.t('The user "{user}" does not exist. Refresh the tree to see the current state.', { user: m[1] })
        : l10n.t('The user does not exist. Refresh the tree to see the current state.'),
  ],
  [
    /the role "(.+?)" does not exist|role \[(.+?)\] does not exist|not found the role|role not exists/,
    (m) =>
      (m[1] ?? m[2])
        ? l10n.t('The role "{role}" does not exist. Refresh the tree to see the current state.', { role: m[1] ?? m[2] })
        : l10n.t('The role does not exist. Refresh the tree to see the current state.'),
  ],
  [
    /there is no privilege group name \[(.+?)\] defined in system to operate|the privilege group name \[(.+?)\] is defined by built in privilege groups/,
    (m) =>
      l10n.t(
        '"{group}" is not a custom privilege group: built-in groups cannot be changed, and a dropped group is gone. Refresh the tree to see the current state.',
        { group: m[1] ?? m[2] },
      ),
  ],
  [
    /not found the privilege name\[(.+?)\] in object\[(.+?)\]/,
    (m) =>
      l10n.t(
        '"{privilege}" cannot be granted on {object} objects with this server\'s grant API. Pick a privilege offered for that level.',
        { privilege: m[1], object: m[2] },
      ),
  ],
  [
    /not found the privilege name\[(.+?)\]|there is no privilege name or privilege group name \[(.+?)\]|privilege \[(.+?)\] does not exist/,
    (m) =>
      l10n.t('This server has no privilege or privilege group named "{name}". Pick one from the list.', {
        name: m[1] ?? m[2] ?? m[3],
      }),
  ],
  // still in use
  [
    /fail to drop the role that it has privileges/,
    () =>
      l10n.t(
        'The role still has grants, so the server keeps it. Revoke its privileges first, or use "Revoke All and Drop".',
      ),
  ],
  [
    /privilege group \[(.+?)\] is used by role \[(.+?)\]/,
    (m) =>
      l10n.t(
        'The privilege group "{group}" is still granted to the role "{role}". Revoke it from every role that holds it, then drop the group.',
        { group: m[1], role: m[2] },
      ),
  ],
  // limits
  [
    /number of users has reached the limit/,
    () =>
      l10n.t(
        'The server already has the maximum number of users (proxy.maxUserNum, 100 by default, root included). Drop a user you no longer need, or ask the server administrator to raise the limit.',
      ),
  ],
  [
    /number of roles has reached the limit/,
    () =>
      l10n.t(
        'The server already has the maximum number of roles (proxy.maxRoleNum, 10 by default, admin and public included). Drop a role you no longer need, or ask the server administrator to raise the limit.',
      ),
  ],
  // passwords
  [
    /old password not correct for (.+?): not authenticated/,
    (m) =>
      l10n.t(
        'The current password of {user} is not correct, so the server kept the old one. Enter the current password of {user}.',
        { user: m[1] },
      ),
  ],
  [
    /invalid password length.*\[(\d+) out of range (\d+) <= value <= (\d+)\]/,
    (m) =>
      l10n.t(
        'The password is {bytes} bytes long; this server accepts {min} to {max} bytes. Choose a password of that length.',
        { bytes: m[1], min: m[2], max: m[3] },
      ),
  ],
  [
    /length of password must be great than (\d+) and less than (\d+)/,
    (m) =>
      l10n.t('This server accepts passwords of {min} to {max} characters. Choose a password of that length.', {
        min: m[1],
        max: m[2],
      }),
  ],
  // names
  [/username must be not empty/, () => l10n.t('Enter a username.')],
  [
    /invalid username (.*) with length (\d+), the length of username must be less than (.+?): invalid parameter/,
    (m) =>
      l10n.t('The username "{user}" is {bytes} bytes long; this server allows at most {max}. Choose a shorter name.', {
        user: m[1],
        bytes: m[2],
        max: number(m[3]),
      }),
  ],
  [
    /invalid user name (.*?), the first character must be a letter/,
    (m) => l10n.t('The username "{user}" must start with a letter (a–z, A–Z). Choose another name.', { user: m[1] }),
  ],
  [
    /invalid user name (.*?), username must contain only (.+?), but got/,
    (m) =>
      l10n.t('The username "{user}" may contain only {characters}. Choose another name.', {
        user: m[1],
        characters: allowedCharacters(m[2]),
      }),
  ],
  [/role name should be not empty/, () => l10n.t('Enter a role name.')],
  [
    /the length of role name must be not greater than limit.*\[(\d+) out of range 0 <= value <= (\d+)\]/,
    (m) =>
      l10n.t('The role name is {length} characters long; this server allows at most {max}. Choose a shorter name.', {
        length: m[1],
        max: m[2],
      }),
  ],
  [
    /the first character of role name must be an underscore or letter/,
    () => l10n.t('A role name must start with a letter or an underscore. Choose another name.'),
  ],
  [
    /role name can only contain (.+?), found (.+?) at/,
    (m) =>
      l10n.t('A role name may contain only {characters} ("{character}" is not allowed). Choose another name.', {
        characters: allowedCharacters(m[1]),
        character: m[2],
      }),
  ],
  [
    /invalid privilege group name|privilege group name .* can only contain/,
    () =>
      l10n.t(
        'A privilege group name must start with a letter or an underscore and contain only letters, digits and underscores (at most 255). Choose another name.',
      ),
  ],
  // built-ins
  [
    /the role\[(.+?)\] is a (?:default|builtin) role, which can't be (dropped|altered)/,
    (m) =>
      m[2] === 'dropped'
        ? l10n.t('"{role}" is a built-in role: the server does not let it be dropped.', { role: m[1] })
        : l10n.t('"{role}" is a built-in role: the server does not let it be altered.', { role: m[1] }),
  ],
  [
    /root user cannot be deleted|user root cannot be deleted/,
    () => l10n.t('The root user cannot be dropped: Milvus refuses it.'),
  ],
  // grants
  [
    /can not operate the (built-in|custom) privilege group \[(.+?)\]/,
    (m) =>
      m[1] === 'built-in'
        ? l10n.t(
            'This server\'s old grant API cannot grant the built-in privilege group "{group}". Grant single privileges, or upgrade to Milvus 2.5 or later.',
            { group: m[2] },
          )
        : l10n.t(
            'This server\'s old grant API cannot grant the custom privilege group "{group}". Grant single privileges, or upgrade to Milvus 2.5 or later.',
            { group: m[2] },
          ),
  ],
  [
    /dbName and collectionName should be \* for the cluster level privilege: (\w+)/,
    (m) =>
      l10n.t('"{group}" is a cluster-level group: grant it on all databases and all collections (*).', { group: m[1] }),
  ],
  [
    /collectionName should be \* for the database level privilege: (\w+)/,
    (m) =>
      l10n.t('"{group}" is a database-level group: grant it on all collections (*) of a database.', { group: m[1] }),
  ],
  [
    /please specify database name for the collection level privilege: (\w+)/,
    (m) => l10n.t('"{group}" is a collection-level group: choose a database for the collection.', { group: m[1] }),
  ],
  [
    /privileges are not the same privilege level/,
    () =>
      l10n.t(
        'A privilege group holds privileges of one level only (cluster, database or collection). Put these privileges in separate groups.',
      ),
  ],
  [
    /length of (user|role) description|invalid user description with length/,
    (m) =>
      m[1] === 'role'
        ? l10n.t('The role description is too long: this server allows at most 1024 bytes. Shorten it.')
        : l10n.t('The user description is too long: this server allows at most 1024 bytes. Shorten it.'),
  ],
];

/** A sentence with a remedy for a server refusal this module recognises; undefined for any other text. */
export function explainRefusal(reason: string): string | undefined {
  for (const [pattern, sentence] of REFUSALS) {
    const m = pattern.exec(reason);
    if (m) {
      return sentence(m);
    }
  }
  return undefined;
}

function serverText(error: MilvusError): string {
  return error.details.serverMessage ?? error.message;
}

/** The DropRole refusal for a role that still has grants (R6), as opposed to any other failure. */
export function refusedForGrants(error: unknown): boolean {
  return error instanceof MilvusError && error.kind === 'server' && /privilege/i.test(serverText(error));
}

/** DropPrivilegeGroup refused because a role still holds the group. */
export function refusedAsInUse(error: unknown): boolean {
  return error instanceof MilvusError && /used by role|revoke/i.test(serverText(error));
}
