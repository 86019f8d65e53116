/** True for a module path that is (part of) the Milvus SDK: the extension's SDK bundle or the package's own files. */
export function isSdkModulePath(file: string): boolean {
  return (
    /[\\/]milvus-sdk\.js$/.test(file) ||
    /[\\/]@zilliz[\\/]milvus2-sdk-node[\\/]dist[\\/]milvus[\\/](index|MilvusClient)\.js$/.test(file)
  );
}

export function sdkModulesLoaded(cache: Record<string, unknown>): string[] {
  return Object.keys(cache).filter(isSdkModulePath);
}
