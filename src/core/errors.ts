/** Why an operation failed, in terms a user can act on. */
export type MilvusErrorKind =
  | 'auth' // wrong username/password/token (gRPC 16)
  | 'unreachable' // nothing answers at the address (gRPC 14)
  | 'timeout' // deadline exceeded (gRPC 4)
  | 'tls' // handshake or certificate problem
  | 'permission' // PERMISSION_DENIED (gRPC 7)
  | 'databaseNotFound' // code 800
  | 'unimplemented' // the server lacks the RPC
  | 'invalidInput' // refused by our own rules before sending
  | 'server'; // a Milvus Status failure: `serverMessage` holds the server's own text

/** The one error type the core rejects with. `message` is for people and never contains a secret. */
export class MilvusError extends Error {
  constructor(
    readonly kind: MilvusErrorKind,
    message: string,
    readonly details: { serverMessage?: string; code?: number; errorCode?: string; grpcCode?: number } = {},
  ) {
    super(message);
    this.name = 'MilvusError';
  }
}
