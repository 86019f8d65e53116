// A proxy that has started listening but is not ready (docs/milvus-behaviour.md §3.3 A1): the answers of stage 2.
import { fail, NOT_READY_REASON, successStatus } from './status';

/** Stage 1: `AuthenticationInterceptor` before `Proxy.Init` has created the meta cache (gRPC UNKNOWN). */
export const PROXY_NOT_READY = 'service unavailable: internal: Milvus Proxy is not ready yet. please wait';

/**
 * Stage 2 (between `Proxy.Init` and `Proxy.Start`): CheckHealth reports unhealthy with the reason, GetVersion (served
 * by the distributed wrapper from the environment) still answers, every other handler fails `merr.CheckHealthy`.
 */
export function notReadyAnswer(method: string, statusOnly: boolean, handle: () => unknown): unknown {
  if (method === 'GetVersion') return handle();
  if (method === 'CheckHealth') {
    return { status: successStatus(), isHealthy: false, reasons: [NOT_READY_REASON], quota_states: [] };
  }
  const status = fail.notReady().toStatus();
  return statusOnly ? status : { status };
}
