// "Why was I denied?": for a user, an operation (the RPCs it sends) and where, which privilege on which object each
// request needs on the server's release (requests.ts), whether the user holds it and through which role and grant
// (query.ts canDo, the server's own rules), which grants of the same privilege miss the place, and the smallest grant
// that would allow it. Pure: the model comes from explainRead.ts.
import { BUILTIN_ROLES, PUBLIC_ROLE } from './builtIns';
import { groupMembers, rolesInEffect, unrestrictedReason } from './effectivePrivileges';
import { grantScope, type GrantScope } from './grantScope';
import { canDo, coverage, type AccessQuery, type AccessReason, type CanAnswer } from './query';
import { levelOf } from './privileges';
import { needOn, rpcsNeeding, rpcsOfOperation, type ReleaseNeed } from './requests';
import type { DeniedText } from './deniedText';
import type { Flavor, Grant, GrantSpec, PrivilegeGroup, UserWithRoles } from '../types';

/** What an explanation reads: every user with its roles, the grants of every role (public included), the groups. */
export interface ExplainModel {
  serverVersion: string;
  users: readonly UserWithRoles[];
  grantsByRole: ReadonlyMap<string, readonly Grant[]>;
  groups: readonly PrivilegeGroup[];
  /** Milvus or Zilliz Cloud: on Zilliz, holders of db_admin may do everything (unrestrictedReason). */
  flavor?: Flavor;
}

export interface ExplainQuestion {
  user: string;
  /** What was asked: an SDK method (`search`), an RPC (`Search`), or the privilege a pasted text names. */
  operation: string;
  /** The RPCs the operation sends, in order. */
  rpcs: readonly string[];
  /** The database the request runs in (the connection's, or the request's db_name). */
  dbName: string;
  /** The collection a collection request names; absent: unknown (only grants on every collection count). */
  collectionName?: string;
  /** The user a user request (UpdateCredential, SelectUser) acts on. */
  targetUser?: string;
  /** The role a SelectGrant lists (a user may list the grants of its own roles). */
  role?: string;
}

/**
 * allowed: a grant (or root/admin) allows it; denied: nothing does; unchecked: the request needs no privilege;
 * filtered: it needs none but the server shows only what the user's grants name (ListDatabases, ShowCollections);
 * self: a user acting on itself; missing: the release has no such request.
 */
export type StepVerdict = 'allowed' | 'denied' | 'unchecked' | 'filtered' | 'self' | 'missing';

export interface ExplainStep {
  rpc: string;
  release: ReleaseNeed;
  verdict: StepVerdict;
  /** The privilege and where it is checked (absent when the request needs none). */
  query?: AccessQuery;
  /** Where the privilege is checked, named like a grant's scope. */
  scope?: GrantScope;
  answer?: CanAnswer;
  /** Grants of the user's roles that cover the privilege somewhere else: "I granted it and am still denied". */
  elsewhere: AccessReason[];
  /** For a denied step: the smallest grant that allows it (role '' when the user has no role of its own to grant to). */
  fix?: GrantSpec;
  /** For filtered steps: what the user will see (`*`: everything). */
  visible?: string[];
}

/** Facts about the question that the answer depends on, for the renderer to word. */
export type ExplainNote =
  | { kind: 'databaseNamedIsNotTheScope'; privilege: string; dbName: string }
  | { kind: 'invalidAuthToken' }
  | { kind: 'sdkReadsSchemaFirst'; operation: string }
  | { kind: 'collectionUnknown'; privilege: string }
  | { kind: 'legacyGroupOnEveryDatabase'; grant: Grant }
  | { kind: 'notVisible'; objectKind: 'database' | 'collection'; objectName: string };

export interface Explanation {
  question: ExplainQuestion;
  serverVersion: string;
  /** The user's bound roles (without public). */
  roles: string[];
  /** Every step allowed (or needing nothing). */
  allowed: boolean;
  steps: ExplainStep[];
  notes: ExplainNote[];
  /** The roles a fix may go to: the user's own roles that the server did not create. */
  fixRoles: string[];
}

const ALL = '*';

function queryOf(question: ExplainQuestion, need: NonNullable<ReleaseNeed['need']>): AccessQuery {
  const { privilege, objectType } = need;
  if (objectType === 'Collection')
    return { privilege, dbName: question.dbName, collectionName: question.collectionName ?? ALL };
  if (objectType === 'User') return { privilege, dbName: question.dbName, collectionName: question.targetUser ?? ALL };
  return { privilege, dbName: question.dbName, collectionName: ALL };
}

/** The smallest grant that allows `query`: the privilege itself, on the narrowest scope its level is checked at. */
export function smallestGrant(query: AccessQuery, objectType: string, role: string): GrantSpec {
  const level = levelOf(query.privilege);
  if (objectType === 'User')
    return { role, privilege: query.privilege, dbName: ALL, collectionName: query.collectionName };
  if (objectType === 'Collection') return { role, ...query };
  if (level === 'Cluster' || level === undefined)
    return { role, privilege: query.privilege, dbName: ALL, collectionName: ALL };
  return { role, privilege: query.privilege, dbName: query.dbName, collectionName: ALL };
}

/** Grants of `roles` that cover the privilege but not at the query's place. */
function grantsElsewhere(
  roles: readonly string[],
  query: AccessQuery,
  model: ExplainModel,
  allowing: readonly AccessReason[],
): AccessReason[] {
  const membersOf = groupMembers(model.groups);
  const found: AccessReason[] = [];
  for (const role of roles) {
    for (const grant of model.grantsByRole.get(role) ?? []) {
      const through = coverage(grant, query.privilege, membersOf);
      if (through === undefined || allowing.some((r) => r.grant === grant)) continue;
      found.push({ role, grant, scope: grantScope(grant), ...(through ? { through } : {}) });
    }
  }
  return found;
}

/** What ListDatabases / ShowCollections show the user (docs/milvus-behaviour.md §5.4); `*` = everything. */
function visibleNames(rpc: string, bound: readonly string[], question: ExplainQuestion, model: ExplainModel): string[] {
  const grants = bound.filter((r) => r !== PUBLIC_ROLE).flatMap((r) => model.grantsByRole.get(r) ?? []);
  if (rpc === 'ListDatabases') {
    const dbs = new Set(grants.map((g) => g.dbName));
    return dbs.has(ALL) ? [ALL] : [...dbs].sort();
  }
  const here = grants.filter((g) => g.dbName === question.dbName || g.dbName === ALL);
  if (here.some((g) => g.objectType === 'Global' && g.privilege === 'All')) return [ALL];
  const names = new Set(
    here
      .filter(
        (g) =>
          g.objectType === 'Collection' ||
          (g.objectType === 'Global' && (levelOf(g.privilege) === 'Collection' || levelOf(g.privilege) === undefined)),
      )
      .map((g) => g.objectName),
  );
  return names.has(ALL) ? [ALL] : [...names].sort();
}

function explainStep(
  rpc: string,
  question: ExplainQuestion,
  user: UserWithRoles,
  model: ExplainModel,
  fixRole: string,
): ExplainStep {
  const release = needOn(rpc, model.serverVersion);
  if (release.missingUntil) return { rpc, release, verdict: 'missing', elsewhere: [] };
  const need = release.need;
  if (!need) {
    const filtered = rpc === 'ListDatabases' || rpc === 'ShowCollections';
    return filtered && !unrestrictedReason(user.name, rolesInEffect(user.roles), model.flavor)
      ? { rpc, release, verdict: 'filtered', elsewhere: [], visible: visibleNames(rpc, user.roles, question, model) }
      : { rpc, release, verdict: 'unchecked', elsewhere: [] };
  }
  const query = queryOf(question, need);
  const scope = grantScope({
    objectType: need.objectType,
    objectName: query.collectionName,
    dbName: query.dbName,
    privilege: query.privilege,
  });
  const self =
    (need.objectType === 'User' && question.targetUser === user.name) ||
    (rpc === 'SelectGrant' && question.role !== undefined && rolesInEffect(user.roles).includes(question.role));
  if (self) return { rpc, release, verdict: 'self', query, scope, elsewhere: [] };
  const answer = canDo(user.name, user.roles, query, model.grantsByRole, model.groups, model.flavor);
  const elsewhere = answer.unrestricted ? [] : grantsElsewhere(answer.roles, query, model, answer.reasons);
  return {
    rpc,
    release,
    verdict: answer.allowed ? 'allowed' : 'denied',
    query,
    scope,
    answer,
    elsewhere,
    ...(answer.allowed ? {} : { fix: smallestGrant(query, need.objectType, fixRole) }),
  };
}

function notesFor(
  question: ExplainQuestion,
  steps: readonly ExplainStep[],
  text: DeniedText | undefined,
): ExplainNote[] {
  const notes: ExplainNote[] = [];
  if (text?.kind === 'invalidAuthToken') notes.push({ kind: 'invalidAuthToken' });
  if (text?.kind === 'notVisible' && text.objectKind && text.objectName)
    notes.push({ kind: 'notVisible', objectKind: text.objectKind, objectName: text.objectName });
  if (
    text?.kind === 'permissionDeny' &&
    text.privilege &&
    text.dbName !== undefined &&
    levelOf(text.privilege) === 'Cluster'
  )
    notes.push({ kind: 'databaseNamedIsNotTheScope', privilege: text.privilege, dbName: text.dbName });
  const [first, ...rest] = steps;
  if (first?.rpc === 'DescribeCollection' && rest.length > 0 && first.verdict === 'denied')
    notes.push({ kind: 'sdkReadsSchemaFirst', operation: question.operation });
  for (const step of steps) {
    if (
      step.release.need?.objectType === 'Collection' &&
      question.collectionName === undefined &&
      step.verdict === 'denied'
    )
      notes.push({ kind: 'collectionUnknown', privilege: step.release.need.privilege });
    for (const reason of step.elsewhere)
      if (['ReadOnly', 'ReadWrite', 'Admin'].includes(reason.grant.privilege) && reason.grant.dbName === ALL)
        notes.push({ kind: 'legacyGroupOnEveryDatabase', grant: reason.grant });
  }
  return notes;
}

/** Explains the question on the model. Throws when the user is unknown (the caller words that). */
export function explain(question: ExplainQuestion, model: ExplainModel, text?: DeniedText): Explanation {
  const user =
    model.users.find((u) => u.name === question.user) ??
    (question.user === 'root' ? { name: 'root', roles: [] } : undefined);
  if (!user) throw new UnknownUserError(question.user);
  const fixRoles = user.roles.filter((r) => !BUILTIN_ROLES.has(r)).sort();
  const steps = question.rpcs.map((rpc) => explainStep(rpc, question, user, model, fixRoles[0] ?? ''));
  return {
    question,
    serverVersion: model.serverVersion,
    roles: [...user.roles],
    allowed: steps.every((s) => s.verdict !== 'denied'),
    steps,
    notes: notesFor(question, steps, text),
    fixRoles,
  };
}

export class UnknownUserError extends Error {
  constructor(readonly user: string) {
    super(`no user "${user}"`);
  }
}

/**
 * The question a pasted refusal text asks: the privilege it names, checked through the requests that need it on the
 * release (the first one stands for all: they need the same privilege on the same kind of object).
 */
export function questionFromText(
  text: DeniedText,
  given: { user?: string; dbName?: string; collectionName?: string },
  serverVersion: string,
  loginUser: string,
): ExplainQuestion | undefined {
  const user = given.user ?? text.user ?? loginUser;
  const dbName = given.dbName ?? text.dbName ?? 'default';
  const extra = given.collectionName === undefined ? {} : { collectionName: given.collectionName };
  if (text.kind === 'permissionDeny' && text.privilege) {
    const rpc = rpcsNeeding(text.privilege, serverVersion)[0];
    return rpc ? { user, operation: text.privilege, rpcs: [rpc], dbName, ...extra } : undefined;
  }
  if (text.kind === 'invalidAuthToken')
    return { user, operation: 'listCollections', rpcs: ['ListDatabases', 'ShowCollections'], dbName, ...extra };
  if (text.kind === 'notVisible')
    return text.objectKind === 'database'
      ? { user, operation: 'describeDatabase', rpcs: ['DescribeDatabase'], dbName: text.objectName ?? dbName }
      : {
          user,
          operation: 'describeCollection',
          rpcs: ['DescribeCollection'],
          dbName,
          collectionName: text.objectName ?? '',
        };
  return undefined;
}

/**
 * The question an operation asks (an SDK method such as `search`, or an RPC name) of `user` in a database, naming the
 * collection, target user or role its requests need; undefined when the operation is unknown.
 */
export function questionFromOperation(
  operation: string,
  where: {
    user: string;
    dbName: string;
    collectionName?: string | undefined;
    targetUser?: string | undefined;
    role?: string | undefined;
  },
): ExplainQuestion | undefined {
  const rpcs = rpcsOfOperation(operation);
  if (!rpcs) return undefined;
  return {
    user: where.user,
    operation,
    rpcs,
    dbName: where.dbName,
    ...(where.collectionName ? { collectionName: where.collectionName } : {}),
    ...(where.targetUser ? { targetUser: where.targetUser } : {}),
    ...(where.role ? { role: where.role } : {}),
  };
}
