// Notices a lost server without waiting for the next request: watches the connectivity state of a gRPC channel of the
// SDK client's pool. The channel closes when the server goes away (or, through the SDK's keepalive pings, when the peer
// stops answering), and the watch reports it; the caller then runs a health check to tell a drop from an idle timeout.
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';

type Channel = ReturnType<Awaited<ReturnType<MilvusClient['channelPool']['acquire']>>['getChannel']>;

/** grpc-js ConnectivityState values (the enum itself lives in the SDK's bundle, not here). */
const IDLE = 0;
const TRANSIENT_FAILURE = 3;
const SHUTDOWN = 4;

/**
 * Calls `onLeftReady` each time the watched channel becomes idle or fails (a dropped connection makes it idle first).
 * Returns the function that stops the watch; closing the client stops it too.
 */
export function watchChannel(client: MilvusClient, isClosed: () => boolean, onLeftReady: () => void): () => void {
  let stopped = false;
  const watch = (channel: Channel): void => {
    if (stopped || isClosed()) return;
    // Asking with tryToConnect makes an idle channel connect, so that losing the server later is a state change.
    const state = Number(channel.getConnectivityState(true));
    if (state === SHUTDOWN) return;
    channel.watchConnectivityState(state, Infinity, () => {
      if (stopped || isClosed()) return;
      const next = Number(channel.getConnectivityState(false));
      if (next === IDLE || next === TRANSIENT_FAILURE) onLeftReady();
      watch(channel);
    });
  };
  const pool = client.channelPool;
  pool.acquire().then(
    (grpcClient) => {
      void pool.release(grpcClient);
      watch(grpcClient.getChannel());
    },
    () => undefined,
  );
  return () => {
    stopped = true;
  };
}
