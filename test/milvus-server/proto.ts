// Loads the Milvus service definitions from the proto JSON that ships inside the SDK (no copied .proto files).
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** The parts of the proto JSON we read: the method list and each request message's privilege option. */
interface ProtoJsonMessage {
  options?: Record<string, string | number | boolean>;
}
interface ProtoJsonService {
  methods: Record<
    string,
    { requestType: string; responseType: string; requestStream?: boolean; responseStream?: boolean }
  >;
}
interface ProtoJsonNamespace {
  nested: Record<string, ProtoJsonMessage & Partial<ProtoJsonService> & Partial<ProtoJsonNamespace>>;
}

/** Needed privilege per request, from the `common.privilege_ext_obj` option (§1.1). */
export interface PrivilegeExt {
  objectType: 'Collection' | 'Global' | 'User';
  /** Enum name, e.g. `PrivilegeCreateOwnership`. */
  privilege: string;
  /** Field number holding the object name; -1/0 = `*`. */
  nameIndex: number;
}

export interface LoadedProto {
  milvusService: grpc.ServiceDefinition;
  telemetryService: grpc.ServiceDefinition;
  /** Method name → privilege the request needs (absent: authentication only). */
  privilegeByMethod: Map<string, PrivilegeExt>;
  /** Methods whose response is a bare common.Status. */
  statusOnlyMethods: Set<string>;
  /** Method name → request field names by field number (for the object-name index). */
  fieldsByMethod: Map<string, Map<number, string>>;
  /** Turns serialized `schema.CollectionSchema` bytes into the object form DescribeCollection answers with. */
  decodeSchema(bytes: Buffer): unknown;
}

let cached: LoadedProto | undefined;

function loadJson(): ProtoJsonNamespace {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus') as { default?: ProtoJsonNamespace };
  return (mod.default ?? mod) as ProtoJsonNamespace;
}

export function loadProto(): LoadedProto {
  if (cached) return cached;
  const json = loadJson();
  const pkgDef = protoLoader.fromJSON(json as unknown as Parameters<typeof protoLoader.fromJSON>[0], LOADER_OPTIONS);
  const loaded = grpc.loadPackageDefinition(pkgDef) as unknown as {
    milvus: { proto: { milvus: Record<string, grpc.ServiceClientConstructor> } };
  };
  const ns = loaded.milvus.proto.milvus;
  const milvusNs = (json.nested.milvus as ProtoJsonNamespace).nested.proto as ProtoJsonNamespace;
  const messages = (milvusNs.nested.milvus as ProtoJsonNamespace).nested;
  const methods = (messages.MilvusService as unknown as ProtoJsonService).methods;
  const privilegeByMethod = new Map<string, PrivilegeExt>();
  const fieldsByMethod = new Map<string, Map<number, string>>();
  const statusOnlyMethods = new Set<string>();
  for (const [method, def] of Object.entries(methods)) {
    if (def.responseType === 'common.Status') statusOnlyMethods.add(method);
    const msg = messages[def.requestType] as
      (ProtoJsonMessage & { fields?: Record<string, { id: number }> }) | undefined;
    const fields = new Map<number, string>();
    for (const [name, f] of Object.entries(msg?.fields ?? {})) fields.set(f.id, name);
    fieldsByMethod.set(method, fields);
    const o = msg?.options;
    const type = o?.['(common.privilege_ext_obj).object_type'];
    const privilege = o?.['(common.privilege_ext_obj).object_privilege'];
    if (typeof type === 'string' && typeof privilege === 'string') {
      privilegeByMethod.set(method, {
        objectType: type as PrivilegeExt['objectType'],
        privilege,
        nameIndex: Number(o?.['(common.privilege_ext_obj).object_name_index'] ?? -1),
      });
    }
  }
  const describeResponse = ns.MilvusService.service.DescribeCollection.responseDeserialize;
  cached = {
    milvusService: ns.MilvusService.service,
    telemetryService: ns.ClientTelemetryService.service,
    privilegeByMethod,
    statusOnlyMethods,
    fieldsByMethod,
    decodeSchema(bytes: Buffer): unknown {
      // Wrap the bytes as field 2 (schema) of a DescribeCollectionResponse and let the generated codec decode them.
      const header = [0x12];
      let n = bytes.length;
      while (n > 0x7f) {
        header.push((n & 0x7f) | 0x80);
        n >>>= 7;
      }
      header.push(n);
      const decoded = describeResponse(Buffer.concat([Buffer.from(header), bytes])) as { schema?: unknown };
      return decoded.schema ?? null;
    },
  };
  return cached;
}
