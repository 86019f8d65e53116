// Built into dist/milvus-sdk.js (see esbuild.js): the SDK's BaseClient parses two protocol files into protobufjs Roots in
// every constructor, and only collection and search code reads them, never user management. Here each Root is parsed on
// first read and then shared by every client, as a parsed Root is only looked up, never changed.
import * as Protobuf from 'protobufjs';

const roots = new WeakMap<object, Protobuf.Root>();

function sharedRoot(json: object): Protobuf.Root {
  let root = roots.get(json);
  if (!root) roots.set(json, (root = Protobuf.Root.fromJSON(json as Protobuf.INamespace)));
  return root;
}

/** Makes `target[property]` the Root parsed from `json`, parsed when first read; assigning replaces it as usual. */
export function defineLazyRoot(target: object, property: string, json: object): void {
  const settle = (value: unknown): void =>
    void Object.defineProperty(target, property, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(target, property, {
    enumerable: true,
    configurable: true,
    get() {
      const root = sharedRoot(json);
      settle(root);
      return root;
    },
    set: settle,
  });
}
