// The only place that loads @zilliz/milvus2-sdk-node, and only when first asked (on the first connect).
// The extension bundle rewrites this specifier to './milvus-sdk.js' (a second bundle), so activation never parses the SDK.

export type MilvusSdk = typeof import('@zilliz/milvus2-sdk-node');

let sdkPromise: Promise<MilvusSdk> | undefined;
let loaded = false;

/** Loads the SDK once; later calls share the same promise. A failed load is retried on the next call. */
export function loadSdk(): Promise<MilvusSdk> {
  if (!sdkPromise) {
    sdkPromise = import('@zilliz/milvus2-sdk-node').then(
      (mod: MilvusSdk & { default?: MilvusSdk }) => {
        // A bundler may hand back the CommonJS exports under `default` only.
        const sdk = typeof mod.MilvusClient === 'function' ? mod : (mod.default ?? mod);
        loaded = true;
        return sdk;
      },
      (e: unknown) => {
        sdkPromise = undefined;
        throw e;
      },
    );
  }
  return sdkPromise;
}

export function isSdkLoaded(): boolean {
  return loaded;
}
