// The SDK bundle's proto-loader replacement (src/core/milvus/protoLoaderCache.ts) must hand grpc-js exactly what
// @grpc/proto-loader would, for the SDK's own protocol JSON, with the same options the SDK passes (LOADER_OPTIONS).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as protoLoader from '@grpc/proto-loader';
import * as Protobuf from 'protobufjs';
import { fromJSON } from '../../src/core/milvus/protoLoaderCache';
import { defineLazyRoot } from '../../src/core/milvus/lazyProtoRoots';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's generated protocol JSON modules
const milvusJson = require('@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus').default as object;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schemaJson = require('@zilliz/milvus2-sdk-node/dist/milvus/proto-json/schema.base').default as object;

const SDK_OPTIONS: protoLoader.Options = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };
const SERVICE = 'milvus.proto.milvus.MilvusService';

type TypeDef = protoLoader.MessageTypeDefinition<object, object> | protoLoader.EnumTypeDefinition;
type MethodDef = protoLoader.MethodDefinition<object, object>;
const methodsOf = (def: protoLoader.PackageDefinition, name = SERVICE): Record<string, MethodDef> =>
  def[name] as unknown as Record<string, MethodDef>;

describe('proto-loader replacement', () => {
  const reference = protoLoader.fromJSON(milvusJson, SDK_OPTIONS);
  const ours = fromJSON(milvusJson, SDK_OPTIONS);

  test('the same names, and per method the same path, streaming flags, alias and options', () => {
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(reference).sort());
    const names = Object.keys(methodsOf(reference));
    assert.ok(names.length > 50 && names.includes('SelectUser') && names.includes('OperatePrivilegeV2'));
    assert.deepEqual(Object.keys(methodsOf(ours)), names);
    for (const name of names) {
      const [a, b] = [methodsOf(ours)[name], methodsOf(reference)[name]];
      assert.equal(a.path, b.path);
      assert.equal(a.requestStream, b.requestStream);
      assert.equal(a.responseStream, b.responseStream);
      assert.equal(a.originalName, b.originalName, name);
      assert.deepEqual(a.options, b.options, name);
    }
  });

  test('descriptors, read lazily, equal proto-loader`s', () => {
    for (const name of ['SelectUser', 'OperatePrivilegeV2', 'CreateCredential']) {
      const [a, b] = [methodsOf(ours)[name], methodsOf(reference)[name]];
      assert.deepEqual(a.requestType.type, b.requestType.type);
      assert.deepEqual(a.responseType.type, b.responseType.type);
      assert.deepEqual(a.requestType.fileDescriptorProtos, b.requestType.fileDescriptorProtos);
    }
    for (const name of ['milvus.proto.common.ErrorCode', 'milvus.proto.milvus.UserResult']) {
      const [a, b] = [ours[name] as TypeDef, reference[name] as TypeDef];
      assert.equal(a.format, b.format);
      assert.deepEqual(a.type, b.type);
    }
  });

  test('requests and replies encode to the same bytes and decode to the same objects', () => {
    const request = { base: { msg_type: 'SelectUser' }, user: { name: 'alice' }, include_role_info: true };
    const reply = {
      status: { code: 0, error_code: 'Success', reason: '' },
      results: [{ user: { name: 'alice' }, roles: [{ name: 'public' }, { name: 'reader' }] }],
    };
    const [a, b] = [methodsOf(ours).SelectUser, methodsOf(reference).SelectUser];
    const bytes = b.requestSerialize(request);
    assert.deepEqual(a.requestSerialize(request), bytes);
    assert.deepEqual(a.requestDeserialize(bytes), b.requestDeserialize(bytes));
    const replyBytes = b.responseSerialize(reply);
    assert.deepEqual(a.responseSerialize(reply), replyBytes);
    assert.deepEqual(a.responseDeserialize(replyBytes), b.responseDeserialize(replyBytes));
    assert.throws(
      () => a.requestSerialize([] as unknown as object),
      /expected object with SelectUserRequest structure/,
    );
  });

  test('one definition per (json, options): later clients do not parse again', () => {
    assert.equal(fromJSON(milvusJson, { ...SDK_OPTIONS }), ours);
    assert.notEqual(fromJSON(milvusJson, { ...SDK_OPTIONS, defaults: false }), ours);
  });
});

describe('lazy protocol roots', () => {
  test('parsed on first read, shared between clients, and assignable', () => {
    const [first, second] = [{} as Record<string, Protobuf.Root>, {} as Record<string, Protobuf.Root>];
    defineLazyRoot(first, 'schemaProto', schemaJson);
    defineLazyRoot(second, 'schemaProto', schemaJson);
    assert.ok(Object.keys(first).includes('schemaProto'));
    const root = first.schemaProto;
    assert.ok(root instanceof Protobuf.Root);
    assert.equal(second.schemaProto, root);
    assert.ok(root.lookupType('milvus.proto.schema.CollectionSchema'));
    const replacement = new Protobuf.Root();
    first.schemaProto = replacement;
    assert.equal(first.schemaProto, replacement);
  });
});
