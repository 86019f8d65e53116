/** The shape of a grpc-js ServiceError. */
export function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} X: ${details}`), { code, details, metadata: {} });
}
