// grpc-go rejects requests that are not valid protobuf with INTERNAL ("grpc: error unmarshalling request");
// protobufjs is more lenient about malformed varints, so the top level of each request is checked first.
import type * as grpc from '@grpc/grpc-js';

const MAX_FIELD_NUMBER = 0x1fffffff;

/** Reads a varint at `pos`; returns [value, next] or undefined when truncated or longer than 10 bytes / 64 bits. */
function readVarint(buf: Buffer, pos: number): [number, number] | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) return undefined;
    const b = buf[pos++];
    if (i === 9 && b > 1) return undefined;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) return [value, pos];
  }
  return undefined;
}

/** True when the top-level fields of `buf` are well-formed protobuf wire format. */
export function isWellFormed(buf: Buffer): boolean {
  let pos = 0;
  while (pos < buf.length) {
    const tag = readVarint(buf, pos);
    if (!tag || tag[0] > 0xffffffff) return false;
    pos = tag[1];
    const field = Math.floor(tag[0] / 8);
    const wireType = tag[0] % 8;
    if (field < 1 || field > MAX_FIELD_NUMBER) return false;
    if (wireType === 0) {
      const v = readVarint(buf, pos);
      if (!v) return false;
      pos = v[1];
    } else if (wireType === 1 || wireType === 5) {
      pos += wireType === 1 ? 8 : 4;
      if (pos > buf.length) return false;
    } else if (wireType === 2) {
      const len = readVarint(buf, pos);
      if (!len || len[1] + len[0] > buf.length) return false;
      pos = len[1] + len[0];
    } else {
      return false;
    }
  }
  return true;
}

/** The service definition with request deserializers that refuse malformed input (grpc-js answers INTERNAL). */
export function withStrictRequests(service: grpc.ServiceDefinition): grpc.ServiceDefinition {
  const out: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const [name, def] of Object.entries(service) as [string, grpc.MethodDefinition<unknown, unknown>][]) {
    const original = def.requestDeserialize;
    out[name] = {
      ...def,
      requestDeserialize: (buf: Buffer) => {
        if (!isWellFormed(buf))
          throw new Error('grpc: error unmarshalling request: proto: cannot parse invalid wire-format data');
        return original(buf);
      },
    };
  }
  return out;
}
