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
    // merr's retriable sentinels: service not ready (1) and service unavailable (2).
    retriable: code === 1 || code === 2,
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
    /** A typed merr error in every release (inOlderEra leaves it alone), e.g. the privilege-group checks (D6). */
    readonly everyEra = false,
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
  /** 1100 `<msg>: invalid parameter` that older releases send the same way (`merr.WrapErrParameterInvalidMsg` there too). */
  invalidEveryEra: (msg: string, errorCode?: string) =>
    new MilvusFailure(1100, `${msg}: invalid parameter`, errorCode, true),
  /** 1100 with merr field wraps already rendered into `msg`. */
  invalidRaw: (msg: string, errorCode?: string) => new MilvusFailure(1100, msg, errorCode),
  notPermitted: (msg: string) => new MilvusFailure(1401, `${msg}: privilege not permitted`),
  quota: (prefix: string, reason: string, errorCode: string) =>
    new MilvusFailure(9, `${prefix}: quota exceeded[reason=${reason}]`, errorCode),
  unexpected: (msg: string, errorCode?: string) => new MilvusFailure(65535, msg, errorCode),
  dbNotFound: (db: string) => new MilvusFailure(800, `database not found[database=${db}]`),
  /** A proxy between Init and Start (§3.3 A1 stage 2): `merr.CheckHealthy` in each handler. */
  notReady: () => new MilvusFailure(1, NOT_READY_REASON),
};

export const NOT_READY_REASON = 'state code: Initializing: service not ready';

/**
 * A rootcoord refusal as releases before 2.6.19 send it (§3.2): the same *Failure error_code, but a plain error, so
 * code 65535 and no `: invalid parameter` suffix. Proxy checks (error_code 5, no *Failure) and other codes stay.
 */
export function inOlderEra(failure: MilvusFailure): MilvusFailure {
  const rootcoord = failure.errorCode !== undefined && failure.errorCode.endsWith('Failure');
  if (failure.code !== 1100 || !rootcoord || failure.everyEra) return failure;
  return new MilvusFailure(65535, failure.reason.replace(/: invalid parameter$/, ''), failure.errorCode);
}
