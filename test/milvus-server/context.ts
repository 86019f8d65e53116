// What every handler gets: the state, the authenticator, the options and the caller.
import type { Authenticator, Caller } from './auth';
import type { LoadedProto } from './proto';
import type { ServerState } from './state';
import type { RuleEra } from './validation';

/** What the server is: Milvus, or a Zilliz Cloud cluster type (flavor.ts holds what each adds). */
export const FLAVORS = ['milvus', 'zilliz-dedicated', 'zilliz-serverless'] as const;
export type Flavor = (typeof FLAVORS)[number];

export interface ResolvedServerOptions {
  auth: boolean;
  superUsers: string[];
  maxUsers: number;
  maxRoles: number;
  version: string;
  /** Milvus, or a Zilliz Cloud cluster type (flavor.ts). */
  flavor: Flavor;
}

export interface ServerContext {
  state: ServerState;
  auth: Authenticator;
  options: ResolvedServerOptions;
  /** The proxy's name and password rules of the reported release (validation.ts). */
  profile: RuleEra;
  proto: LoadedProto;
}

export interface Call {
  method: string;
  caller: Caller;
  /** The decoded request (proto-loader object form: defaults filled, unset messages null, enums as names). */
  request: Record<string, unknown>;
}

/** Returns the response message; for Status-only RPCs, the Status itself. Throws MilvusFailure / GrpcFailure. */
export type Handler = (ctx: ServerContext, call: Call) => unknown;

export type HandlerTable = Record<string, Handler>;

/** Reads a string field of an untrusted request; anything else counts as empty. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Reads the `name` of an entity field (RoleEntity, UserEntity, ...); undefined when the field is unset. */
export function entityName(v: unknown): string | undefined {
  if (v === null || v === undefined || typeof v !== 'object') return undefined;
  return str((v as { name?: unknown }).name);
}
