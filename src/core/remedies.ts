// What the user can do about an error, and where: a MilvusError carries one of these, so each place that shows the
// error can word it for itself (the connection form points at its own fields) without rewriting sentences.

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
    text: 'Edit the connection and enter a username and password or a token.',
    inForm: 'Choose an authentication method in this form and enter the credentials.',
  },
  fixCredentials: {
    place: 'connection',
    text: 'Edit the connection to fix the credentials.',
    inForm: 'Correct the username or password in this form.',
  },
  fixToken: {
    place: 'connection',
    text: 'Edit the connection to fix the token.',
    inForm: 'Correct the token in this form.',
  },
  enterSecret: { place: 'connection', text: 'Edit the connection to enter it.', inForm: 'Enter it in this form.' },
  enterUsername: { place: 'connection', text: 'Edit the connection to enter one.', inForm: 'Enter one in this form.' },
  fixTls: {
    place: 'connection',
    text: "Edit the connection's TLS settings.",
    inForm: 'Correct the TLS settings in this form.',
  },
  chooseDatabase: {
    place: 'connection',
    text: 'Edit the connection to choose an existing database.',
    inForm: 'Enter an existing database in this form.',
  },
  retypePassword: { place: 'prompt', text: 'Connect again to enter the password.' },
  retypeToken: { place: 'prompt', text: 'Connect again to enter it.' },
  raiseTimeout: {
    place: 'settings',
    text: 'Check the network and the server, or raise the request timeout.',
  },
  checkServer: {
    place: 'server',
    text: 'Check that the server is running and that the address, port and TLS setting are right.',
  },
  askForGrant: { place: 'server', text: 'Ask an administrator to grant it, or connect as a user who has it.' },
  askForPrivilege: {
    place: 'server',
    text: 'Ask an administrator for the privilege, or connect as a user who has it.',
  },
  newerServer: { place: 'server', text: 'It needs a newer Milvus version.' },
} as const satisfies Record<string, Remedy>;
