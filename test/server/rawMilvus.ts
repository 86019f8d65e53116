// A gRPC client for MilvusService that bypasses the SDK (which hides some gRPC answers, e.g. UNIMPLEMENTED becomes {}).
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import milvusProtoJson from '@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus';
import { b64 } from './helpers';

const SERVICE = 'milvus.proto.milvus.MilvusService';

type Callback = (err: grpc.ServiceError | null, res?: Record<string, unknown>) => void;
type UnaryMethod = (req: unknown, md: grpc.Metadata, opts: grpc.CallOptions, cb: Callback) => void;

export class RawMilvus {
  private readonly client: grpc.Client & Record<string, UnaryMethod>;
  private readonly definition: protoLoader.PackageDefinition;

  constructor(address: string) {
    this.definition = protoLoader.fromJSON(milvusProtoJson as unknown as Parameters<typeof protoLoader.fromJSON>[0], {
      keepCase: true,
      longs: String,
      enums: String,
      defaults: true,
      oneofs: true,
    });
    const pkg = grpc.loadPackageDefinition(this.definition) as unknown as {
      milvus: { proto: { milvus: { MilvusService: grpc.ServiceClientConstructor } } };
    };
    this.client = new pkg.milvus.proto.milvus.MilvusService(address, grpc.credentials.createInsecure()) as grpc.Client &
      Record<string, UnaryMethod>;
  }

  static metadata(authorization?: string): grpc.Metadata {
    const md = new grpc.Metadata();
    if (authorization !== undefined) md.set('authorization', authorization);
    return md;
  }

  /** A call with a request object (proto-loader encodes it). */
  call(
    method: string,
    req: unknown,
    md: grpc.Metadata = RawMilvus.metadata(b64('root:Milvus')),
  ): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) =>
      this.client[method].call(this.client, req, md, { deadline: Date.now() + 10_000 }, (err, res) =>
        err ? reject(err) : resolve(res ?? {}),
      ),
    );
  }

  /** A call whose request body is the given raw bytes. */
  callBytes(
    method: string,
    body: Buffer,
    md: grpc.Metadata = RawMilvus.metadata(b64('root:Milvus')),
  ): Promise<Record<string, unknown>> {
    const def = (this.definition[SERVICE] as grpc.ServiceDefinition)[method] as
      grpc.MethodDefinition<unknown, unknown> | undefined;
    const decode = (b: Buffer): Record<string, unknown> =>
      def ? (def.responseDeserialize(b) as Record<string, unknown>) : {};
    return new Promise((resolve, reject) =>
      this.client.makeUnaryRequest(
        `/${SERVICE}/${method}`,
        (b: Buffer) => b,
        decode,
        body,
        md,
        { deadline: Date.now() + 10_000 },
        (err, res) => (err ? reject(err) : resolve(res ?? {})),
      ),
    );
  }

  close(): void {
    this.client.close();
  }
}
