// What the user can do about an error, and where: a MilvusError carries one of these, so each place that shows the
// error can word it for itself (the connection form points at its own fields) without rewriting sentences.
// The texts are getters: l10n is configured at activation, after this module is loaded, so they translate when read.
import * as l10n from '@vscode/l10n';

/** Where the fix is made. */
export type RemedyPlace =
  | 'connection' // the saved connection (its form)
  | 'prompt' // the password or token prompt of a connection that asks on each connect
  | 'settings' // the extension's settings
  | 'server'; // the Milvus server or its administrator

export interface Remedy {
  readonly place: RemedyPlace;
  /** The advice as a notification words it (about a saved connection). */
  readonly text: string;
  /** The same advice inside the connection form, whose fields are in front of the user. */
  readonly inForm?: string;
}

export const REMEDIES = {
  enterCredentials: {
    place: 'connection',
    get text() {
      return l10n.t('Edit the connection and enter a username and password or a token.');
    },
    get inForm() {
      return l10n.t('Choose an authentication method in this form and enter the credentials.');
    },
  },
  fixCredentials: {
    place: 'connection',
    get text() {
      return l10n.t('Edit the connection to fix the credentials.');
    },
    get inForm() {
      return l10n.t('Correct the username or password in this form.');
    },
  },
  fixToken: {
    place: 'connection',
    get text() {
      return l10n.t('Edit the connection to fix the token.');
    },
    get inForm() {
      return l10n.t('Correct the token in this form.');
    },
  },
  enterSecret: {
    place: 'connection',
    get text() {
      return l10n.t('Edit the connection to enter it.');
    },
    get inForm() {
      return l10n.t('Enter it in this form.');
    },
  },
  enterUsername: {
    place: 'connection',
    get text() {
      return l10n.t('Edit the connection to enter one.');
    },
    get inForm() {
      return l10n.t('Enter one in this form.');
    },
  },
  fixTls: {
    place: 'connection',
    get text() {
      return l10n.t("Edit the connection's TLS settings.");
    },
    get inForm() {
      return l10n.t('Correct the TLS settings in this form.');
    },
  },
  chooseDatabase: {
    place: 'connection',
    get text() {
      return l10n.t('Edit the connection to choose an existing database.');
    },
    get inForm() {
      return l10n.t('Enter an existing database in this form.');
    },
  },
  retypePassword: {
    place: 'prompt',
    get text() {
      return l10n.t('Connect again to enter the password.');
    },
  },
  retypeToken: {
    place: 'prompt',
    get text() {
      return l10n.t('Connect again to enter it.');
    },
  },
  raiseTimeout: {
    place: 'settings',
    get text() {
      return l10n.t('Check the network and the server, or raise the request timeout.');
    },
  },
  checkServer: {
    place: 'server',
    get text() {
      return l10n.t('Check that the server is running and that the address, port and TLS setting are right.');
    },
  },
  askForGrant: {
    place: 'server',
    get text() {
      return l10n.t('Ask an administrator to grant it, or connect as a user who has it.');
    },
  },
  askForPrivilege: {
    place: 'server',
    get text() {
      return l10n.t('Ask an administrator for the privilege, or connect as a user who has it.');
    },
  },
  newerServer: {
    place: 'server',
    get text() {
      return l10n.t('It needs a newer Milvus version.');
    },
  },
} as const satisfies Record<string, Remedy>;
