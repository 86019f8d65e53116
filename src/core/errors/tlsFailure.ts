// A failed TLS handshake as one sentence: the reason without OpenSSL noise, and what to change in the connection.
import * as l10n from '@vscode/l10n';
import { where, type ErrorContext } from './context';
import { MilvusError } from './milvusError';

/** The useful part of a grpc-js/OpenSSL handshake error: no timestamps, resolution notes or OpenSSL file positions. */
function tlsReason(text: string): string {
  let r = /Last error: ([\s\S]*)$/.exec(text)?.[1] ?? text;
  r = r.replace(/Resolution note:[\s\S]*$/, '').replace(/\(\d{4}-\d\d-\d\dT[^)]*\)/g, '');
  r = r.replace(/^\s*Error(?: \[\w+\])?: /, '');
  r = /SSL routines:[^:]*:([^:]+):/.exec(r)?.[1] ?? r;
  return r.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}

function tlsAdvice(reason: string): string {
  if (/certificate required/i.test(reason)) {
    return l10n.t(
      'The server requires a client certificate: choose mutual TLS and give the client certificate and key.',
    );
  }
  if (/wrong version number|packet length too long/i.test(reason)) {
    return l10n.t('The server does not speak TLS on this port: turn TLS off, or check the port.');
  }
  if (/altnames|does not match/i.test(reason)) {
    return l10n.t(
      "The certificate is not issued for this host name: enter the certificate's host name as the server name.",
    );
  }
  if (/unable to verify|self[- ]signed|unknown ca|issuer/i.test(reason)) {
    return l10n.t("The server's certificate is not signed by a trusted CA: select the CA file that issued it.");
  }
  if (/bad certificate|certificate unknown|unsupported certificate/i.test(reason)) {
    return l10n.t(
      'The server refused the client certificate: check the client certificate and key and the CA that signed them.',
    );
  }
  return l10n.t("Check the connection's TLS settings: CA file, client certificate and key, and server name.");
}

export function tlsFailure(text: string, details: MilvusError['details'], ctx: ErrorContext): MilvusError {
  const reason = tlsReason(text);
  return new MilvusError(
    'tls',
    l10n.t('The TLS handshake with {server} failed ({reason}). {advice}', {
      server: where(ctx),
      reason,
      advice: tlsAdvice(reason),
    }),
    details,
  );
}
