// common.Status builders in the 2.6.19+ (merr) format, and the two ways a handler fails (§1.3, §1.4, §3.2).
import * as grpc from '@grpc/grpc-js';

export interface Status {
  error_code: string;
  reason: string;
  code: number;
  retriable: boolean;
  detail: string;
  extra_info: Record<string, string>;
}

/** merr codes used here and their metadata: [legacy error_code (oldCode), input error?]. */
const MERR: Record<number, [string, boolean]> = {
  0: ['Success', false],
  1: ['NotReadyServe', false],
  2: ['UnexpectedError', false],
  9: ['ForceDeny', false],
  100: ['CollectionNotExists', false],
  800: ['UnexpectedError', false],
  1600: ['UnexpectedError', false],
  1601: ['UnexpectedError', false],
  802: ['UnexpectedError', true],
  1000: ['UnexpectedError', false],
  1100: ['IllegalArgument', true],
  1101: ['IllegalArgument', true],
  1400: ['UnexpectedError', true],
  1401: ['UnexpectedError', true],
  1402: ['UnexpectedError', true],
  65535: ['UnexpectedError', false],
};

export function successStatus(): Status {
  return { error_code: 'Success', reason: '', code: 0, retriable: false, detail: '', extra_info: {} };
}

/** `merr.Status` / `merr.StatusWithErrorCode`: `errorCode` overrides the legacy code like the rootcoord handlers do. */
export function failureStatus(code: number, reason: string, errorCode?: string): Status {
  const [oldCode, input] = MERR[code] ?? ['UnexpectedError', false];
  return {
    error_code: errorCode ?? oldCode,
    reason,
    code,
    retriable: false,
    detail: reason,
    extra_info: input ? { is_input_error: 'true' } : {},
  };
}

/** A Milvus business error: answered as a Status payload with gRPC OK. */
export class MilvusFailure extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    readonly errorCode?: string,
  ) {
    super(reason);
  }

  toStatus(): Status {
    return failureStatus(this.code, this.reason, this.errorCode);
  }
}

/** A transport-level error (UNAUTHENTICATED, PERMISSION_DENIED, injected faults). */
export class GrpcFailure extends Error {
  constructor(
    readonly grpcCode: grpc.status,
    message: string,
  ) {
    super(message);
  }
}

/** Shorthands for the common merr shapes. */
export const fail = {
  /** 1100 `<msg>: invalid parameter`. */
  invalid: (msg: string, errorCode?: string) => new MilvusFailure(1100, `${msg}: invalid parameter`, errorCode),
  /** 1100 with merr field wraps already rendered into `msg`. */
  invalidRaw: (msg: string, errorCode?: string) => new MilvusFailure(1100, msg, errorCode),
  notPermitted: (msg: string) => new MilvusFailure(1401, `${msg}: privilege not permitted`),
  quota: (prefix: string, reason: string, errorCode: string) =>
    new MilvusFailure(9, `${prefix}: quota exceeded[reason=${reason}]`, errorCode),
  unexpected: (msg: string, errorCode?: string) => new MilvusFailure(65535, msg, errorCode),
  dbNotFound: (db: string) => new MilvusFailure(800, `database not found[database=${db}]`),
};
