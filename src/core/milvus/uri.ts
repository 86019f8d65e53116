// Parses what a person types or pastes as a Milvus address. Pure TS (no Node APIs): the connection form uses it too.
import * as l10n from '@vscode/l10n';
import type { RuleViolation } from '../rules/checks';

export const DEFAULT_MILVUS_PORT = 19530;

export interface ParsedConnectionUri {
  /** Normalised `http://host:port` or `https://host:port` (IPv6 hosts in brackets). */
  uri: string;
  tls: boolean;
  /** Host name or IP address; IPv6 without brackets. */
  host: string;
  port: number;
  username?: string;
  database?: string;
}

export type UriViolation = RuleViolation;

const EXAMPLES = 'http://localhost:19530, https://user@milvus.example.com:19530/db';
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)*\.?$/;
const IPV6 = /^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?$/;

function violation(rule: string, message: string): UriViolation {
  return { rule, message };
}

export function isUriViolation(value: ParsedConnectionUri | UriViolation): value is UriViolation {
  return 'rule' in value;
}

/** `host:port` as gRPC wants it, with IPv6 hosts in brackets. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `host:port` of a connection URI (as gRPC wants it), or undefined when the URI does not parse. */
export function serverAddress(uri: string): string | undefined {
  const parsed = parseConnectionUri(uri);
  return isUriViolation(parsed) ? undefined : hostPort(parsed.host, parsed.port);
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/**
 * Accepts `host`, `host:port`, `http://host:port`, `https://user@host:19530/db` and `[::1]:19530`.
 * The port defaults to 19530 whatever the scheme. Returns a violation with a sentence a person understands.
 */
export function parseConnectionUri(text: string): ParsedConnectionUri | UriViolation {
  const input = text.trim();
  if (input === '') {
    return violation(
      'uri.empty',
      l10n.t('Enter the address of the Milvus server, for example {examples}.', { examples: EXAMPLES }),
    );
  }
  if (/\s/.test(input)) {
    return violation('uri.whitespace', l10n.t('The address must not contain spaces.'));
  }

  let rest = input;
  let tls = false;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(input);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (name !== 'http' && name !== 'https') {
      return violation(
        'uri.scheme',
        l10n.t('The address must start with http:// or https://, not {scheme}://.', { scheme: scheme[1] }),
      );
    }
    tls = name === 'https';
    rest = input.slice(scheme[0].length);
  } else if (input.includes('://')) {
    return violation(
      'uri.scheme',
      l10n.t('The address must start with http:// or https://, for example {examples}.', { examples: EXAMPLES }),
    );
  }

  if (/[?#]/.test(rest)) {
    return violation('uri.query', l10n.t('The address cannot carry a query (?…) or fragment (#…). Remove it.'));
  }
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash + 1).replace(/\/$/, '');

  let username: string | undefined;
  let hostAndPort = authority;
  const at = authority.lastIndexOf('@');
  if (at !== -1) {
    const userInfo = authority.slice(0, at);
    hostAndPort = authority.slice(at + 1);
    if (userInfo.includes(':')) {
      return violation(
        'uri.password',
        l10n.t('Do not put a password in the address: remove it from the address and enter it in the password field.'),
      );
    }
    const decoded = decode(userInfo);
    if (decoded === undefined || decoded === '') {
      return violation('uri.username', l10n.t('The user name before @ is empty or badly encoded.'));
    }
    username = decoded;
  }

  let host: string;
  let portText: string | undefined;
  if (hostAndPort.startsWith('[')) {
    const close = hostAndPort.indexOf(']');
    if (close === -1) {
      return violation('uri.host', l10n.t('The IPv6 address is missing its closing bracket, for example [::1]:19530.'));
    }
    host = hostAndPort.slice(1, close);
    const after = hostAndPort.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) {
      return violation('uri.host', l10n.t('Only a port (:19530) may follow the bracketed IPv6 address.'));
    }
    portText = after === '' ? undefined : after.slice(1);
    if (host === '' || !host.includes(':') || !IPV6.test(host)) {
      return violation('uri.host', l10n.t('"{host}" is not a valid IPv6 address.', { host }));
    }
  } else {
    const colons = hostAndPort.split(':').length - 1;
    if (colons > 1) {
      return violation('uri.host', l10n.t('Put an IPv6 address in brackets, for example [::1]:19530.'));
    }
    const colon = hostAndPort.indexOf(':');
    host = colon === -1 ? hostAndPort : hostAndPort.slice(0, colon);
    portText = colon === -1 ? undefined : hostAndPort.slice(colon + 1);
    if (host === '') {
      return violation(
        'uri.host',
        l10n.t('The address has no host name, for example {examples}.', { examples: EXAMPLES }),
      );
    }
    if (!HOSTNAME.test(host)) {
      return violation('uri.host', l10n.t('"{host}" is not a valid host name or IP address.', { host }));
    }
  }

  let port = DEFAULT_MILVUS_PORT;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) {
      return violation(
        'uri.port',
        portText === ''
          ? l10n.t('The port must be a number from 1 to 65535.')
          : l10n.t('The port must be a number from 1 to 65535, not "{port}".', { port: portText }),
      );
    }
    port = Number(portText);
    if (port < 1 || port > 65535) {
      return violation(
        'uri.port',
        l10n.t('The port must be a number from 1 to 65535, not {port}.', { port: String(port) }),
      );
    }
  }

  let database: string | undefined;
  if (path !== '') {
    if (path.includes('/')) {
      return violation(
        'uri.path',
        l10n.t('Only a database name may follow the address, for example http://localhost:19530/mydb.'),
      );
    }
    database = decode(path);
    if (database === undefined) {
      return violation('uri.path', l10n.t('The database name in the address is badly encoded.'));
    }
  }

  const result: ParsedConnectionUri = { uri: `${tls ? 'https' : 'http'}://${hostPort(host, port)}`, tls, host, port };
  if (username !== undefined) {
    result.username = username;
  }
  if (database !== undefined) {
    result.database = database;
  }
  return result;
}
