// Built into dist/milvus-sdk.js in place of @grpc/proto-loader (see esbuild.js). Every `new MilvusClient()` turns the
// same protocol JSON into a gRPC package definition, and proto-loader's fromJSON also builds a reflection descriptor
// for every message of the protocol (hundreds), which only gRPC server reflection reads: most of a first connect's cost
// (sdk-and-keytar.md A.1). Here a definition is shared per (json, options), and the descriptors are built on first read.
import * as protoLoader from '@grpc/proto-loader';
import * as Protobuf from 'protobufjs';
import * as descriptor from 'protobufjs/ext/descriptor';
// proto-loader's own dependency, so method aliases are named exactly as it names them.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped CommonJS module
const camelCase = require('lodash.camelcase') as (name: string) => string;

export * from '@grpc/proto-loader';

type Definition = protoLoader.PackageDefinition[string];
type Reflected = Protobuf.Service | Protobuf.Type | Protobuf.Enum;

/** proto-loader's options for turning descriptors into plain objects. */
const DESCRIPTOR_OPTIONS = { longs: String, enums: String, bytes: String, defaults: true, oneofs: true, json: true };

const parsed = new WeakMap<object, Map<string, protoLoader.PackageDefinition>>();

function optionsKey(options: protoLoader.Options | undefined): string {
  return JSON.stringify(options ?? {}, (_key, value: unknown) =>
    typeof value === 'function' ? `fn:${value.name}` : value,
  );
}

export function fromJSON(
  json: protoLoader.ProtobufTypeDefinition | object,
  options?: protoLoader.Options,
): protoLoader.PackageDefinition {
  let byOptions = parsed.get(json);
  if (!byOptions) parsed.set(json, (byOptions = new Map()));
  const key = optionsKey(options);
  let definition = byOptions.get(key);
  if (!definition)
    byOptions.set(
      key,
      (definition = lazyPackageDefinition(Protobuf.Root.fromJSON(json as Protobuf.INamespace), options ?? {})),
    );
  return definition;
}

/** The same shape and values as proto-loader's createPackageDefinition; descriptor fields are computed when first read. */
export function lazyPackageDefinition(
  root: Protobuf.Root,
  options: protoLoader.Options,
): protoLoader.PackageDefinition {
  let files: Buffer[] | undefined;
  const fileDescriptorProtos = (): Buffer[] =>
    (files ??= (root.toDescriptor('proto3').file as object[]).map((f) =>
      Buffer.from(descriptor.FileDescriptorProto.encode(f).finish()),
    ));
  const definition: protoLoader.PackageDefinition = {};
  for (const [name, obj] of reflectedObjects(root, ''))
    definition[name] = definitionOf(obj, name, options, fileDescriptorProtos);
  return definition;
}

function reflectedObjects(obj: Protobuf.ReflectionObject, parent: string): [string, Reflected][] {
  const name = parent === '' ? obj.name : `${parent}.${obj.name}`;
  if (obj instanceof Protobuf.Service || obj instanceof Protobuf.Type || obj instanceof Protobuf.Enum)
    return [[name, obj]];
  if (obj instanceof Protobuf.Namespace && obj.nested !== undefined) {
    return Object.values(obj.nested).flatMap((child) => reflectedObjects(child, name));
  }
  return [];
}

function definitionOf(obj: Reflected, name: string, options: protoLoader.Options, files: () => Buffer[]): Definition {
  if (obj instanceof Protobuf.Service) {
    const methods: Record<string, unknown> = {};
    for (const method of obj.methodsArray)
      methods[method.name] = methodDefinition(method.resolve() as Protobuf.Method, name, options, files);
    return methods as Definition;
  }
  if (obj instanceof Protobuf.Type) return messageDefinition(obj, options, files) as Definition;
  return lazily(
    { format: 'Protocol Buffer 3 EnumDescriptorProto' },
    { type: () => descriptorObject(obj), fileDescriptorProtos: files },
  ) as Definition;
}

function methodDefinition(
  method: Protobuf.Method,
  service: string,
  options: protoLoader.Options,
  files: () => Buffer[],
): object {
  const request = method.resolvedRequestType as Protobuf.Type;
  const response = method.resolvedResponseType as Protobuf.Type;
  return lazily(
    {
      path: `/${service}/${method.name}`,
      requestStream: !!method.requestStream,
      responseStream: !!method.responseStream,
      requestSerialize: serializer(request),
      requestDeserialize: deserializer(request, options),
      responseSerialize: serializer(response),
      responseDeserialize: deserializer(response, options),
      originalName: camelCase(method.name),
    },
    {
      requestType: () => messageDefinition(request, options, files),
      responseType: () => messageDefinition(response, options, files),
      options: () => methodOptions(method.parsedOptions as Record<string, unknown>[] | undefined),
    },
  );
}

function messageDefinition(type: Protobuf.Type, options: protoLoader.Options, files: () => Buffer[]): object {
  return lazily(
    {
      format: 'Protocol Buffer 3 DescriptorProto',
      serialize: serializer(type),
      deserialize: deserializer(type, options),
    },
    { type: () => descriptorObject(type), fileDescriptorProtos: files },
  );
}

function descriptorObject(obj: Protobuf.Type | Protobuf.Enum): object {
  const d = (
    obj as unknown as { toDescriptor(syntax: string): Protobuf.Message & { $type: Protobuf.Type } }
  ).toDescriptor('proto3');
  return d.$type.toObject(d, DESCRIPTOR_OPTIONS);
}

function serializer(type: Protobuf.Type): (value: object) => Buffer {
  return (value) => {
    if (Array.isArray(value))
      throw new Error(`Failed to serialize message: expected object with ${type.name} structure, got array instead`);
    return type.encode(type.fromObject(value)).finish() as Buffer;
  };
}

function deserializer(type: Protobuf.Type, options: protoLoader.Options): (bytes: Buffer) => object {
  return (bytes) => type.toObject(type.decode(bytes), options as Protobuf.IConversionOptions);
}

/** proto-loader's mapping of parsed method options (only reflection reads it). */
function methodOptions(parsedOptions: Record<string, unknown>[] | undefined): object {
  const mapped: Record<string, unknown> & { uninterpreted_option: unknown[] } = {
    deprecated: false,
    idempotency_level: 'IDEMPOTENCY_UNKNOWN',
    uninterpreted_option: [],
  };
  for (const item of parsedOptions ?? []) {
    for (const [key, value] of Object.entries(item)) {
      if (key === 'uninterpreted_option') mapped.uninterpreted_option.push(value);
      else mapped[key] = value;
    }
  }
  return mapped;
}

/** Adds each getter as an enumerable property that computes its value once, on first read. */
function lazily<T extends object>(eager: T, getters: Record<string, () => unknown>): T {
  for (const [key, compute] of Object.entries(getters)) {
    Object.defineProperty(eager, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = compute();
        Object.defineProperty(eager, key, { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
    });
  }
  return eager;
}
