// The messages between a form's webview and its host, and the validators that check them. Pure TypeScript: the host
// and the browser bundles both import it. Nothing from a webview is trusted until parseWebviewMessage accepts it.
import type { ConnectionProfile, ConnectionSecret } from '../core/types';

export type FormKind = 'connectionForm' | 'userForm' | 'accessReport';

/** What the connection form produces. `secret` undefined = keep the stored secret; `{}` = store none. */
export interface ConnectionDraft {
  profile: Omit<ConnectionProfile, 'id'> & { id?: string };
  secret?: ConnectionSecret;
}

export interface CreateUserInput {
  username: string;
  password: string;
  description?: string;
  roles: string[];
}

export type PathField = 'caPath' | 'certPath' | 'keyPath';

// webview → host: every request carries a requestId, answered by exactly one ResultMessage.
export interface TestConnectionMessage {
  type: 'test';
  requestId: number;
  draft: ConnectionDraft;
}
export interface SaveConnectionMessage {
  type: 'save';
  requestId: number;
  draft: ConnectionDraft;
}
export interface BrowseMessage {
  type: 'browse';
  requestId: number;
  field: PathField;
}
export type ConnectionFormMessage = TestConnectionMessage | SaveConnectionMessage | BrowseMessage;

export interface CreateUserMessage {
  type: 'create';
  requestId: number;
  input: CreateUserInput;
}
export interface CopyMessage {
  type: 'copy';
  requestId: number;
  text: string;
}
export type UserFormMessage = CreateUserMessage | CopyMessage;

/** The access report asks the host to copy the report it holds; the page sends no text of its own. */
export interface CopyReportMessage {
  type: 'copyMarkdown';
  requestId: number;
}
export type AccessReportMessage = CopyReportMessage;

export interface WebviewMessageByKind {
  connectionForm: ConnectionFormMessage;
  userForm: UserFormMessage;
  accessReport: AccessReportMessage;
}
export type WebviewMessage = ConnectionFormMessage | UserFormMessage | AccessReportMessage;

// host → webview
/** `text`: the test handler's answer, or the picked path (absent when the file dialog was cancelled). */
export type ResultMessage =
  | { type: 'result'; requestId: number; ok: true; text?: string }
  | { type: 'result'; requestId: number; ok: false; error: string };
export type HostMessage = ResultMessage;

// ---- validation -------------------------------------------------------------------------------------------------

type Check = (value: unknown) => boolean;

const MAX_TEXT = 4096;
const MAX_ROLES = 1000;

const text =
  (max = MAX_TEXT): Check =>
  (v) =>
    typeof v === 'string' && v.length <= max;
const oneOf =
  (...values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const bool: Check = (v) => typeof v === 'boolean';
const requestId: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const arrayOf =
  (item: Check, max: number): Check =>
  (v) =>
    Array.isArray(v) && v.length <= max && v.every(item);

function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** An object with exactly these keys: every required one present and valid, optional ones valid or undefined. */
function shape(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (v) => {
    if (!isRecord(v)) return false;
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(required, key) && !Object.hasOwn(optional, key)) return false;
    }
    for (const [key, check] of Object.entries(required)) {
      if (!Object.hasOwn(v, key) || !check(v[key])) return false;
    }
    for (const [key, check] of Object.entries(optional)) {
      if (v[key] !== undefined && !check(v[key])) return false;
    }
    return true;
  };
}

export const AUTH_MODES = ['none', 'password', 'token'] as const;
export const TLS_MODES = ['off', 'oneWay', 'mutual'] as const;
export const RULE_PROFILE_CHOICES = ['auto', 'milvus-2.4', 'milvus-2.5', 'milvus-2.6', 'zilliz-cloud'] as const;
export const PATH_FIELDS: readonly PathField[] = ['caPath', 'certPath', 'keyPath'];

const isTls = shape(
  { mode: oneOf(...TLS_MODES) },
  { caPath: text(), certPath: text(), keyPath: text(), serverName: text(255) },
);
const isProfile = shape(
  { name: text(), uri: text(), database: text(), auth: oneOf(...AUTH_MODES), tls: isTls },
  { id: text(), username: text(), sessionOnly: bool, askSecret: bool, ruleProfile: oneOf(...RULE_PROFILE_CHOICES) },
);
const isSecret = shape({}, { password: text(), token: text() });
const isDraft = shape({ profile: isProfile }, { secret: isSecret });
const isCreateUserInput = shape(
  { username: text(), password: text(), roles: arrayOf(text(), MAX_ROLES) },
  { description: text() },
);

const WEBVIEW_SCHEMAS: { [K in FormKind]: Record<string, Check> } = {
  connectionForm: {
    test: shape({ type: oneOf('test'), requestId, draft: isDraft }),
    save: shape({ type: oneOf('save'), requestId, draft: isDraft }),
    browse: shape({ type: oneOf('browse'), requestId, field: oneOf(...PATH_FIELDS) }),
  },
  userForm: {
    create: shape({ type: oneOf('create'), requestId, input: isCreateUserInput }),
    copy: shape({ type: oneOf('copy'), requestId, text: text() }),
  },
  accessReport: {
    copyMarkdown: shape({ type: oneOf('copyMarkdown'), requestId }),
  },
};

const isResult: Check = (v) =>
  shape({ type: oneOf('result'), requestId, ok: bool }, { text: text(), error: text() })(v) &&
  isRecord(v) &&
  (v.ok === true ? v.error === undefined : typeof v.error === 'string' && v.text === undefined);

/** The message if it is one the given form may send, exactly as typed; otherwise undefined. */
export function parseWebviewMessage<K extends FormKind>(kind: K, raw: unknown): WebviewMessageByKind[K] | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  const schemas = WEBVIEW_SCHEMAS[kind];
  if (!Object.hasOwn(schemas, raw.type)) return undefined;
  return schemas[raw.type](raw) ? (raw as unknown as WebviewMessageByKind[K]) : undefined;
}

/** The browser side's check of what the host sends. */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  return isResult(raw) ? (raw as HostMessage) : undefined;
}

/** A description of a rejected message that is safe to log: its type if it has a short one, never its content. */
export function describeRejected(raw: unknown): string {
  if (isRecord(raw) && typeof raw.type === 'string' && /^[A-Za-z]{1,32}$/.test(raw.type)) return `type '${raw.type}'`;
  return Array.isArray(raw) ? 'an array' : raw === null ? 'null' : `a ${typeof raw}`;
}
