// Wraps every RPC: count, latency, injected faults, authentication, authorization, handler; never throws to grpc-js.
import * as grpc from '@grpc/grpc-js';
import { callerFromMetadata } from './auth';
import { adminRolesOf, zillizGate } from './flavor';
import { checkPrivilege } from './authorization';
import type { HandlerTable, ServerContext } from './context';
import type { Faults } from './faults';
import { notReadyAnswer, PROXY_NOT_READY } from './notReady';
import { failureStatus, GrpcFailure, inOlderEra, MilvusFailure, type Status } from './status';
import { errorEra, hasRpc, withoutUnknownFields } from './version';

type Unary = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => void;

export interface DispatchOptions {
  ctx: ServerContext;
  faults: Faults;
  handlers: HandlerTable;
  /** Log line per failed RPC (never includes metadata or request bodies). */
  log?: (line: string) => void;
}

function asResponse(statusOnly: boolean, status: Status): unknown {
  return statusOnly ? status : { status };
}

export function buildImplementation(
  service: grpc.ServiceDefinition,
  opts: DispatchOptions,
): grpc.UntypedServiceImplementation {
  const impl: grpc.UntypedServiceImplementation = {};
  for (const [method, def] of Object.entries(service)) {
    if (def.requestStream || def.responseStream) continue; // grpc-js answers UNIMPLEMENTED for these
    const statusOnly = opts.ctx.proto.statusOnlyMethods.has(method);
    const handler = opts.handlers[method];
    const run: Unary = (call, callback) => {
      opts.faults.count(method);
      void (async () => {
        try {
          await opts.faults.delay();
          const injected = opts.faults.takeFailure();
          if (injected !== undefined) throw new GrpcFailure(injected, `injected failure (${method})`);
          const { ctx } = opts;
          if (!hasRpc(method, ctx.options.version)) {
            // grpc-go's answer for a method the server's protocol does not have, before any interceptor runs.
            throw new GrpcFailure(
              grpc.status.UNIMPLEMENTED,
              `unknown method ${method} for service milvus.proto.milvus.MilvusService`,
            );
          }
          // A1 stage 1: the authentication interceptor refuses everything until the meta cache exists, auth on or off.
          if (opts.faults.notReady === 'starting') throw new GrpcFailure(grpc.status.UNKNOWN, PROXY_NOT_READY);
          if (ctx.options.auth) await ctx.auth.authenticate(call.metadata);
          const caller = callerFromMetadata(call.metadata);
          const request = withoutUnknownFields((call.request ?? {}) as Record<string, unknown>, ctx.options.version);
          const ext = ctx.proto.privilegeByMethod.get(method);
          if (ctx.options.auth && ext && caller.user !== undefined) {
            const objectFieldName = ctx.proto.fieldsByMethod.get(method)?.get(ext.nameIndex);
            checkPrivilege({
              state: ctx.state,
              version: ctx.options.version,
              user: caller.user,
              dbName: caller.dbName,
              ext,
              request,
              objectFieldName,
              method,
              adminRoles: adminRolesOf(ctx.options.flavor),
            });
          }
          zillizGate(ctx, method, caller, request, ext);
          // D7: Milvus authenticates and checks the privilege (the proxy's interceptor chain,
          // internal/proxy/privilege_interceptor.go) before the handler; only a caller who may call it learns that this
          // server has no handler for it.
          if (!handler) throw new GrpcFailure(grpc.status.UNIMPLEMENTED, `method ${method} not implemented`);
          if (opts.faults.notReady === 'initializing') {
            callback(null, await notReadyAnswer(method, statusOnly, () => handler(ctx, { method, caller, request })));
            return;
          }
          callback(null, await handler(ctx, { method, caller, request }));
        } catch (e) {
          if (e instanceof GrpcFailure) {
            opts.log?.(`${method}: gRPC ${grpc.status[e.grpcCode] ?? e.grpcCode} ${e.message}`);
            callback({ code: e.grpcCode, details: e.message });
          } else if (e instanceof MilvusFailure) {
            const failure = errorEra(opts.ctx.options.version) === 'merr' ? e : inOlderEra(e);
            callback(null, asResponse(statusOnly, failure.toStatus()));
          } else {
            const reason = e instanceof Error ? e.message : String(e);
            opts.log?.(`${method}: internal error ${reason}`);
            callback(null, asResponse(statusOnly, failureStatus(65535, reason)));
          }
        }
      })();
    };
    impl[method] = run;
  }
  return impl;
}
