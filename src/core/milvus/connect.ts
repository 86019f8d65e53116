// Connecting: one new SDK client per connection, validated, loaded lazily, and checked with Connect and GetVersion.
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { AdminApi } from '../adminApi';
import { prepareConnection, type ConnectOptions } from './connectOptions';
import { statusFailure, toMilvusError } from '../errors/mapping';
import { MilvusAdmin } from './admin';
import { MilvusRpc } from './rpc';
import { profileFromVersion } from '../rules/profiles';
import { isZilliz, resolveFlavor } from '../access/flavor';
import { loadSdk, type MilvusSdk } from './sdkLoader';
import type { ConnectionProfile, ConnectionSecret, ServerInfo } from '../types';

export { isSdkLoaded } from './sdkLoader';

/**
 * Connects one new SDK client: validates the profile, loads the SDK (first time only), sends Connect, then GetVersion.
 * Rejects with a MilvusError; the client is closed again on any failure.
 */
export async function connectMilvus(
  profile: ConnectionProfile,
  secret: ConnectionSecret | undefined,
  opts: ConnectOptions = {},
): Promise<AdminApi> {
  const prepared = await prepareConnection(profile, secret, opts);
  const ctx = prepared.errorContext;
  let sdk: MilvusSdk;
  try {
    sdk = await loadSdk();
  } catch (e) {
    throw toMilvusError(e, ctx);
  }

  let client: MilvusClient | undefined;
  try {
    client = new sdk.MilvusClient(prepared.config);
    client.connect(sdk.MilvusClient.sdkInfo.version);
    const connecting = client.connectPromise as Promise<unknown>;
    // Attached at once, so a failed Connect is never an unhandled rejection.
    connecting.catch(() => undefined);
    const connectRes = await connecting;
    // Connect resolves with its Status (e.g. 800 database not found) instead of rejecting.
    const connectFailure = statusFailure(connectRes, ctx);
    if (connectFailure) {
      throw connectFailure;
    }
    const versionRes = (await sdk.promisify(client.channelPool, 'GetVersion', {}, prepared.timeoutMs)) as unknown;
    const versionFailure = statusFailure(versionRes, ctx);
    if (versionFailure) {
      throw versionFailure;
    }
    const version = (versionRes as { version?: string } | undefined)?.version ?? '';
    const flavor = resolveFlavor(profile.flavor, profile.uri);
    // §10 Z5: a Zilliz Cloud cluster has the cloud's name and password rules, whatever Milvus runs underneath.
    const ruleProfile =
      profile.ruleProfile && profile.ruleProfile !== 'auto'
        ? profile.ruleProfile
        : isZilliz(flavor)
          ? 'zilliz-cloud'
          : profileFromVersion(version || undefined);
    const info: ServerInfo = {
      version,
      user: prepared.loginUser,
      database: prepared.database,
      tls: prepared.tls,
      flavor,
    };
    return new MilvusAdmin(new MilvusRpc(sdk, client, prepared.timeoutMs, ctx), info, ruleProfile);
  } catch (e) {
    if (client) {
      await client.closeConnection().catch(() => undefined);
    }
    throw toMilvusError(e, ctx);
  }
}
