// Built into dist/milvus-sdk.js in place of @grpc/proto-loader (see esbuild.js). Every `new MilvusClient()` parses
// the same protocol JSON with fromJSON, twice, which is most of a connect's cost (sdk-and-keytar.md A.1). The JSON
// objects are module constants, so a parse is shared per (json, options) and the result is only read by grpc-js.
import * as protoLoader from '@grpc/proto-loader';

export * from '@grpc/proto-loader';

const parsed = new WeakMap<object, Map<string, protoLoader.PackageDefinition>>();

function optionsKey(options: protoLoader.Options | undefined): string {
  return JSON.stringify(options ?? {}, (_key, value: unknown) => (typeof value === 'function' ? `fn:${value.name}` : value));
}

export function fromJSON(json: protoLoader.ProtobufTypeDefinition | object, options?: protoLoader.Options): protoLoader.PackageDefinition {
  let byOptions = parsed.get(json);
  if (!byOptions) parsed.set(json, (byOptions = new Map()));
  const key = optionsKey(options);
  let definition = byOptions.get(key);
  if (!definition) byOptions.set(key, (definition = protoLoader.fromJSON(json as Parameters<typeof protoLoader.fromJSON>[0], options)));
  return definition;
}
