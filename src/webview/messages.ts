// The messages between a form's webview and its host, defined once as schemas: the types below are inferred from them,
// and both the host and the browser bundles check what they receive with them. Nothing from a webview is trusted until
// parseWebviewMessage accepts it.
import * as v from 'valibot';
import { ConnectionSecretSchema, DraftProfileSchema } from '../core/connectionSchema';
import { strictRecord } from '../core/schema';

export { AUTH_MODES, FLAVOR_CHOICES, RULE_PROFILE_CHOICES, TLS_MODES } from '../core/connectionSchema';

const MAX_TEXT = 4096;
const MAX_ROLES = 1000;
const text = v.pipe(v.string(), v.maxLength(MAX_TEXT));
const requestId = v.pipe(v.number(), v.safeInteger(), v.minValue(1));

export const PATH_FIELDS = ['caPath', 'certPath', 'keyPath'] as const;
export type PathField = (typeof PATH_FIELDS)[number];

/** What the connection form produces. `secret` undefined = keep the stored secret; `{}` = store none. */
const ConnectionDraftSchema = strictRecord({
  profile: DraftProfileSchema,
  secret: v.optional(ConnectionSecretSchema),
});
export type ConnectionDraft = v.InferOutput<typeof ConnectionDraftSchema>;

const CreateUserInputSchema = strictRecord({
  username: text,
  password: text,
  description: v.optional(text),
  roles: v.pipe(v.array(text), v.maxLength(MAX_ROLES)),
});
export type CreateUserInput = v.InferOutput<typeof CreateUserInputSchema>;

/** A request from a webview: every one carries a requestId, answered by exactly one ResultMessage. */
const request = <const T extends string, const E extends v.ObjectEntries>(type: T, entries: E) =>
  strictRecord({ type: v.literal(type), requestId, ...entries });

// webview → host, per form. The access report asks the host to copy the report it holds; it sends no text of its own.
const WEBVIEW_MESSAGES = {
  connectionForm: [
    request('test', { draft: ConnectionDraftSchema }),
    request('save', { draft: ConnectionDraftSchema }),
    request('browse', { field: v.picklist(PATH_FIELDS) }),
  ],
  userForm: [request('create', { input: CreateUserInputSchema }), request('copy', { text })],
  accessReport: [request('copyMarkdown', {})],
} as const;

export type FormKind = keyof typeof WEBVIEW_MESSAGES;
export type WebviewMessageByKind = {
  [K in FormKind]: v.InferOutput<(typeof WEBVIEW_MESSAGES)[K][number]>;
};
export type ConnectionFormMessage = WebviewMessageByKind['connectionForm'];
export type UserFormMessage = WebviewMessageByKind['userForm'];
export type AccessReportMessage = WebviewMessageByKind['accessReport'];
export type WebviewMessage = WebviewMessageByKind[FormKind];

// host → webview. `text`: the test handler's answer, or the picked path (absent when the file dialog was cancelled).
const result = { type: v.literal('result'), requestId };
const ResultMessageSchema = v.union([
  strictRecord({ ...result, ok: v.literal(true), text: v.optional(text) }),
  strictRecord({ ...result, ok: v.literal(false), error: text }),
]);
export type ResultMessage = v.InferOutput<typeof ResultMessageSchema>;
export type HostMessage = ResultMessage;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message if it is one the given form may send, exactly as typed; otherwise undefined. */
export function parseWebviewMessage<K extends FormKind>(kind: K, raw: unknown): WebviewMessageByKind[K] | undefined {
  const type = isRecord(raw) ? raw.type : undefined;
  const schemas: readonly (typeof WEBVIEW_MESSAGES)[FormKind][number][] = WEBVIEW_MESSAGES[kind];
  const schema = schemas.find((s) => s.pipe[1].entries.type.literal === type);
  return schema && v.is(schema, raw) ? (raw as WebviewMessageByKind[K]) : undefined;
}

/** The browser side's check of what the host sends. */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  return v.is(ResultMessageSchema, raw) ? (raw as HostMessage) : undefined;
}

/** A description of a rejected message that is safe to log: its type if it has a short one, never its content. */
export function describeRejected(raw: unknown): string {
  if (isRecord(raw) && typeof raw.type === 'string' && /^[A-Za-z]{1,32}$/.test(raw.type)) return `type '${raw.type}'`;
  return Array.isArray(raw) ? 'an array' : raw === null ? 'null' : `a ${typeof raw}`;
}
