// The connection form's fields, their validation and the draft they make. Pure: the browser bundle validates as you
// type with it, and the host checks every draft with it again before calling a handler.
import * as l10n from '@vscode/l10n';
import { checkDatabaseName } from '../core/rules/checks';
import type { AuthMode, ConnectionProfile, Flavor, RuleProfileId, TlsMode } from '../core/types';
import { isUriViolation, parseConnectionUri, type ParsedConnectionUri } from '../core/milvus/uri';
import type { ConnectionDraft } from './messages';

export interface ConnectionFields {
  name: string;
  uri: string;
  database: string;
  auth: AuthMode;
  username: string;
  password: string;
  token: string;
  tls: TlsMode;
  caPath: string;
  certPath: string;
  keyPath: string;
  serverName: string;
  sessionOnly: boolean;
  /** Ask for the password or token on each connect; never store it (the typed one is used only for Test). */
  askSecret: boolean;
  ruleProfile: RuleProfileId | 'auto';
  /** Milvus or a Zilliz Cloud cluster type; 'auto' tells it from the URI (core/access/flavor.ts). */
  flavor: Flavor | 'auto';
}
export type ConnectionFieldName = keyof ConnectionFields;
export type FieldErrors = Partial<Record<ConnectionFieldName, string>>;

/** What the form knows about the stored secret of the profile being edited. */
export interface SecretContext {
  hasStoredSecret: boolean;
  storedAuth?: AuthMode;
}

export const MAX_NAME_LENGTH = 100;
const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/** An empty password/token field keeps the stored secret only when it is of the same kind. */
export function canKeepSecret(ctx: SecretContext, auth: AuthMode): boolean {
  return auth !== 'none' && ctx.hasStoredSecret && ctx.storedAuth === auth;
}

export function emptyFields(): ConnectionFields {
  return {
    name: '',
    uri: 'http://localhost:19530',
    database: 'default',
    auth: 'password',
    username: 'root',
    password: '',
    token: '',
    tls: 'off',
    caPath: '',
    certPath: '',
    keyPath: '',
    serverName: '',
    sessionOnly: false,
    askSecret: false,
    ruleProfile: 'auto',
    flavor: 'auto',
  };
}

export function fieldsFromProfile(profile: Omit<ConnectionProfile, 'id'> | undefined): ConnectionFields {
  if (!profile) return emptyFields();
  return {
    name: profile.name,
    uri: profile.uri,
    database: profile.database,
    auth: profile.auth,
    username: profile.username ?? '',
    password: '',
    token: '',
    tls: profile.tls.mode,
    caPath: profile.tls.caPath ?? '',
    certPath: profile.tls.certPath ?? '',
    keyPath: profile.tls.keyPath ?? '',
    serverName: profile.tls.serverName ?? '',
    sessionOnly: profile.sessionOnly ?? false,
    askSecret: profile.askSecret ?? false,
    ruleProfile: profile.ruleProfile ?? 'auto',
    flavor: profile.flavor ?? 'auto',
  };
}

export function fieldsFromDraft(draft: ConnectionDraft): ConnectionFields {
  return {
    ...fieldsFromProfile(draft.profile),
    password: draft.secret?.password ?? '',
    token: draft.secret?.token ?? '',
  };
}

function parseUri(text: string): ParsedConnectionUri | string {
  const result = parseConnectionUri(text);
  return isUriViolation(result) ? result.message : result;
}

const hasScheme = (text: string): boolean => /^\s*https?:\/\//i.test(text);

/**
 * A full URI such as `https://alice@host:19530/db` fills username, database and TLS, and leaves only the address in
 * the URI field. Undefined when the text is not a valid URI (validation then says why).
 */
export function fillFromUri(fields: ConnectionFields, text: string): ConnectionFields | undefined {
  const parsed = parseUri(text);
  if (typeof parsed === 'string') return undefined;
  const next = { ...fields };
  if (hasScheme(text)) next.tls = parsed.tls ? (fields.tls === 'off' ? 'oneWay' : fields.tls) : 'off';
  next.uri = next.tls !== 'off' ? parsed.uri.replace(/^http:\/\//i, 'https://') : parsed.uri;
  if (parsed.username) {
    next.username = parsed.username;
    if (next.auth === 'none') next.auth = 'password';
  }
  if (parsed.database) next.database = parsed.database;
  return next;
}

/** Keeps the URI's scheme in step with a TLS mode the user picked. */
export function syncSchemeToTls(fields: ConnectionFields): ConnectionFields {
  const uri =
    fields.tls === 'off'
      ? fields.uri.replace(/^https:\/\//i, 'http://')
      : fields.uri.replace(/^http:\/\//i, 'https://');
  return { ...fields, uri };
}

/**
 * The message for a connection name another saved connection already has, or undefined. Compared trimmed and without
 * case: the pickers show names only, so "Prod" and "prod" would be two rows that look alike.
 */
export function takenConnectionName(name: string, otherNames: Iterable<string> = []): string | undefined {
  const key = name.trim().toLowerCase();
  if (key === '') return undefined;
  for (const other of otherNames)
    if (other.trim().toLowerCase() === key)
      return l10n.t('A connection named "{0}" already exists. Choose another name.', other.trim());
  return undefined;
}

/** `otherNames`: the names of the other saved connections (a name must not repeat one of them). */
export function validateConnection(
  f: ConnectionFields,
  ctx: SecretContext,
  otherNames: readonly string[] = [],
): FieldErrors {
  const errors: FieldErrors = {};
  // What toDraft will send: a URI's user and database count even before the URI field's change event copied them.
  const effective = fillFromUri(f, f.uri) ?? f;
  const name = f.name.trim();
  if (!name) errors.name = l10n.t('Enter a name for this connection.');
  else if (name.length > MAX_NAME_LENGTH)
    errors.name = l10n.t('The name can have at most {0} characters.', MAX_NAME_LENGTH);
  else {
    const taken = takenConnectionName(name, otherNames);
    if (taken) errors.name = taken;
  }

  if (!f.uri.trim()) errors.uri = l10n.t('Enter the server address, for example http://localhost:19530.');
  else {
    const parsed = parseUri(f.uri);
    if (typeof parsed === 'string') errors.uri = parsed;
    else if (hasScheme(f.uri) && parsed.tls && f.tls === 'off')
      errors.uri = l10n.t('The address starts with https:// but TLS is off: choose a TLS mode or use http://.');
    else if (hasScheme(f.uri) && !parsed.tls && f.tls !== 'off')
      errors.uri = l10n.t('TLS is on but the address starts with http://: use https://.');
  }

  const database = effective.database.trim();
  if (database) {
    const violation = checkDatabaseName(database);
    if (violation) errors.database = violation.message;
  }

  // Asked on connect: the field is optional (used only by Test).
  const keep = canKeepSecret(ctx, effective.auth) || f.askSecret;
  if (effective.auth === 'password') {
    if (!effective.username.trim()) errors.username = l10n.t('Enter the username to log in with.');
    if (!f.password && !keep) errors.password = l10n.t('Enter the password.');
  } else if (f.auth === 'token') {
    if (!f.token && !keep) errors.token = l10n.t('Enter the token or API key.');
  }

  if (f.tls === 'mutual') {
    if (!f.certPath.trim()) errors.certPath = l10n.t('Choose the client certificate file (PEM).');
    if (!f.keyPath.trim()) errors.keyPath = l10n.t('Choose the client key file (PEM).');
  }
  const serverName = f.serverName.trim();
  if (f.tls !== 'off' && serverName && (serverName.length > 253 || !HOST_NAME.test(serverName)))
    errors.serverName = l10n.t('Enter a host name (letters, digits, dots and hyphens), or leave it empty.');
  return errors;
}

export function isValid(errors: FieldErrors): boolean {
  return Object.values(errors).every((message) => message === undefined);
}

/** The draft to send; call only when validateConnection found nothing. */
export function toDraft(input: ConnectionFields, ctx: SecretContext): ConnectionDraft {
  const f = fillFromUri(input, input.uri) ?? input;
  const parsed = parseUri(f.uri);
  const tls: ConnectionDraft['profile']['tls'] = { mode: f.tls };
  if (f.tls !== 'off') {
    if (f.caPath.trim()) tls.caPath = f.caPath.trim();
    if (f.serverName.trim()) tls.serverName = f.serverName.trim();
  }
  if (f.tls === 'mutual') {
    tls.certPath = f.certPath.trim();
    tls.keyPath = f.keyPath.trim();
  }
  const profile: ConnectionDraft['profile'] = {
    name: f.name.trim(),
    uri: typeof parsed === 'string' ? f.uri.trim() : parsed.uri,
    database: f.database.trim() || 'default',
    auth: f.auth,
    tls,
    sessionOnly: f.sessionOnly,
    ruleProfile: f.ruleProfile,
    flavor: f.flavor,
  };
  if (f.auth === 'password') profile.username = f.username.trim();

  if (f.auth === 'none') return { profile, secret: {} };
  if (f.askSecret) profile.askSecret = true;
  const value = f.auth === 'password' ? f.password : f.token;
  // An ask-on-connect draft carries a typed secret only for Test; Save stores none either way.
  if (!value && (f.askSecret || canKeepSecret(ctx, f.auth))) return { profile };
  return { profile, secret: f.auth === 'password' ? { password: value } : { token: value } };
}
