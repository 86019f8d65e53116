// Connect, GetVersion, CheckHealth (§6) and the SDK's telemetry heartbeat.
import type { HandlerTable } from '../context';
import { fail, successStatus } from '../status';

export const connectHandlers: HandlerTable = {
  Connect(ctx, call) {
    if (!ctx.state.databases.has(call.caller.dbName)) throw fail.dbNotFound(call.caller.dbName);
    return {
      status: successStatus(),
      server_info: {
        build_tags: ctx.options.version,
        build_time: '',
        git_commit: '',
        go_version: '',
        deploy_mode: 'STANDALONE',
        reserved: {},
      },
      identifier: String(Date.now() * 1000 + Math.floor(Math.random() * 1000)),
    };
  },

  GetVersion(ctx) {
    return { status: successStatus(), version: ctx.options.version };
  },

  CheckHealth() {
    return { status: successStatus(), isHealthy: true, reasons: [], quota_states: [] };
  },
};

export const telemetryHandlers: HandlerTable = {
  ClientHeartbeat() {
    return { status: successStatus(), server_timestamp: String(Date.now()), commands: [] };
  },
};
