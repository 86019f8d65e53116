// The RBAC refusals Milvus answers with a Status, as sentences with a remedy. The server's own text stays in
// `details.serverMessage` (logged, not shown). Patterns cover the three text eras of docs/milvus-behaviour.md §3.2/§3.3:
// 2.6.19+ (": invalid parameter" suffix, quoted names), 2.6.6–2.6.18 (no suffix) and 2.5 ("not found the …").

import { MilvusError } from './errors';

type Refusal = readonly [RegExp, (m: RegExpExecArray) => string];

/** `name:"r1"` (protobuf text of a RoleEntity, spacing unstable) → r1; a plain name stays as is. */
function entityName(text: string): string {
  return /name:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? text;
}

/** A limit printed as `32` or, by 2.5, as `%!d(string=32)`. */
function number(text: string): string {
  return /\d+/.exec(text)?.[0] ?? text;
}

const REFRESH = 'Refresh the tree to see the current state.';

const REFUSALS: readonly Refusal[] = [
  // already exists
  [
    /user already exists: (.+?)(?:: invalid parameter)?$|user \[(.+?)\] already exists/,
    (m) =>
      `A user named "${m[1] ?? m[2]}" already exists. Choose another name, or change the existing user's password or roles instead.`,
  ],
  [
    /role \[(.*)\] already exists/,
    (m) =>
      `A role named "${entityName(m[1])}" already exists. Choose another name, or grant privileges to the existing role instead.`,
  ],
  [
    /privilege group name \[(.+?)\] is defined by users|privilege group \[(.+?)\] already exists/,
    (m) =>
      `A privilege group named "${m[1] ?? m[2]}" already exists. Choose another name, or add privileges to the existing group instead.`,
  ],
  [
    /privilege group name \[(.+?)\] is defined by built in privileges/,
    (m) => `"${m[1]}" is the name of a built-in privilege or privilege group. Choose another name.`,
  ],
  // not found
  [
    /the grantor user "(.+?)" does not exist/,
    (m) =>
      `The server records the connection's user as the grantor, and there is no user "${m[1]}". Connect as an existing user (with authentication off, as root).`,
  ],
  [
    /user "(.+?)" not found|not found the user|update credential: user not found/,
    (m) => `${m[1] ? `The user "${m[1]}"` : 'The user'} does not exist. ${REFRESH}`,
  ],
  [
    /the role "(.+?)" does not exist|role \[(.+?)\] does not exist|not found the role|role not exists/,
    (m) => `${(m[1] ?? m[2]) ? `The role "${m[1] ?? m[2]}"` : 'The role'} does not exist. ${REFRESH}`,
  ],
  [
    /there is no privilege group name \[(.+?)\] defined in system to operate|the privilege group name \[(.+?)\] is defined by built in privilege groups/,
    (m) =>
      `"${m[1] ?? m[2]}" is not a custom privilege group: built-in groups cannot be changed, and a dropped group is gone. ${REFRESH}`,
  ],
  [
    /not found the privilege name\[(.+?)\] in object\[(.+?)\]/,
    (m) =>
      `"${m[1]}" cannot be granted on ${m[2]} objects with this server's grant API. Pick a privilege offered for that level.`,
  ],
  [
    /not found the privilege name\[(.+?)\]|there is no privilege name or privilege group name \[(.+?)\]|privilege \[(.+?)\] does not exist/,
    (m) => `This server has no privilege or privilege group named "${m[1] ?? m[2] ?? m[3]}". Pick one from the list.`,
  ],
  // still in use
  [
    /fail to drop the role that it has privileges/,
    () =>
      'The role still has grants, so the server keeps it. Revoke its privileges first, or use "Revoke All and Drop".',
  ],
  [
    /privilege group \[(.+?)\] is used by role \[(.+?)\]/,
    (m) =>
      `The privilege group "${m[1]}" is still granted to the role "${m[2]}". Revoke it from every role that holds it, then drop the group.`,
  ],
  // limits
  [
    /number of users has reached the limit/,
    () =>
      'The server already has the maximum number of users (proxy.maxUserNum, 100 by default, root included). Drop a user you no longer need, or ask the server administrator to raise the limit.',
  ],
  [
    /number of roles has reached the limit/,
    () =>
      'The server already has the maximum number of roles (proxy.maxRoleNum, 10 by default, admin and public included). Drop a role you no longer need, or ask the server administrator to raise the limit.',
  ],
  // passwords
  [
    /old password not correct for (.+?): not authenticated/,
    (m) =>
      `The current password of ${m[1]} is not correct, so the server kept the old one. Enter the current password of ${m[1]}.`,
  ],
  [
    /invalid password length.*\[(\d+) out of range (\d+) <= value <= (\d+)\]/,
    (m) =>
      `The password is ${m[1]} bytes long; this server accepts ${m[2]} to ${m[3]} bytes. Choose a password of that length.`,
  ],
  [
    /length of password must be great than (\d+) and less than (\d+)/,
    (m) => `This server accepts passwords of ${m[1]} to ${m[2]} characters. Choose a password of that length.`,
  ],
  // names
  [/username must be not empty/, () => 'Enter a username.'],
  [
    /invalid username (.*) with length (\d+), the length of username must be less than (.+?): invalid parameter/,
    (m) =>
      `The username "${m[1]}" is ${m[2]} bytes long; this server allows at most ${number(m[3])}. Choose a shorter name.`,
  ],
  [
    /invalid user name (.*?), the first character must be a letter/,
    (m) => `The username "${m[1]}" must start with a letter (a–z, A–Z). Choose another name.`,
  ],
  [
    /invalid user name (.*?), username must contain only (.+?), but got/,
    (m) => `The username "${m[1]}" may contain only ${m[2]}. Choose another name.`,
  ],
  [/role name should be not empty/, () => 'Enter a role name.'],
  [
    /the length of role name must be not greater than limit.*\[(\d+) out of range 0 <= value <= (\d+)\]/,
    (m) => `The role name is ${m[1]} characters long; this server allows at most ${m[2]}. Choose a shorter name.`,
  ],
  [
    /the first character of role name must be an underscore or letter/,
    () => 'A role name must start with a letter or an underscore. Choose another name.',
  ],
  [
    /role name can only contain (.+?), found (.+?) at/,
    (m) => `A role name may contain only ${m[1]} ("${m[2]}" is not allowed). Choose another name.`,
  ],
  [
    /invalid privilege group name|privilege group name .* can only contain/,
    () =>
      'A privilege group name must start with a letter or an underscore and contain only letters, digits and underscores (at most 255). Choose another name.',
  ],
  // built-ins
  [
    /the role\[(.+?)\] is a (?:default|builtin) role, which can't be (dropped|altered)/,
    (m) => `"${m[1]}" is a built-in role: the server does not let it be ${m[2]}.`,
  ],
  [
    /root user cannot be deleted|user root cannot be deleted/,
    () => 'The root user cannot be dropped: Milvus refuses it.',
  ],
  // grants
  [
    /can not operate the (built-in|custom) privilege group \[(.+?)\]/,
    (m) =>
      `This server's old grant API cannot grant the ${m[1]} privilege group "${m[2]}". Grant single privileges, or upgrade to Milvus 2.5 or later.`,
  ],
  [
    /dbName and collectionName should be \* for the cluster level privilege: (\w+)/,
    (m) => `"${m[1]}" is a cluster-level group: grant it on all databases and all collections (*).`,
  ],
  [
    /collectionName should be \* for the database level privilege: (\w+)/,
    (m) => `"${m[1]}" is a database-level group: grant it on all collections (*) of a database.`,
  ],
  [
    /please specify database name for the collection level privilege: (\w+)/,
    (m) => `"${m[1]}" is a collection-level group: choose a database for the collection.`,
  ],
  [
    /privileges are not the same privilege level/,
    () =>
      'A privilege group holds privileges of one level only (cluster, database or collection). Put these privileges in separate groups.',
  ],
  [
    /length of (user|role) description|invalid user description with length/,
    (m) => `The ${m[1] ?? 'user'} description is too long: this server allows at most 1024 bytes. Shorten it.`,
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
