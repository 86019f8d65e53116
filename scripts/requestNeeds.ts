// Generates src/core/access/requestNeeds.generated.ts: what each Milvus request needs before the server runs it, read
// from the `privilege_ext_obj` options of the protocol the SDK ships (dist/milvus/proto-json/milvus.js), and which RPCs
// each SDK method sends (read from the SDK's own client code). Milvus's proxy checks exactly these options
// (internal/proxy/privilege_interceptor.go PrivilegeInterceptor): a request without one is not checked at all.
// scripts/schemas.ts writes it with the other generated files (`npm run schemas`, and every build);
// test/unit/schemas.test.ts fails when the committed file differs.
import fs from 'node:fs';
import path from 'node:path';

export const REQUEST_NEEDS_FILE = 'src/core/access/requestNeeds.generated.ts';
/**
 * The SDK's folder, resolved from the working folder or from here (the build runs this bundled in a temporary folder;
 * the schemas test runs it on a copy of the project root without node_modules).
 */
const sdkDir = (): string =>
  path.dirname(require.resolve('@zilliz/milvus2-sdk-node/package.json', { paths: [process.cwd(), __dirname] }));
const OPTION = '(common.privilege_ext_obj).';

interface ProtoField {
  id: number;
  rule?: string;
}
interface ProtoType {
  options?: Record<string, string | number>;
  fields?: Record<string, ProtoField>;
  methods?: Record<string, { requestType: string }>;
}
interface GeneratedNeed {
  request: string;
  objectType: string;
  privilege: string;
  objectField?: string;
  many?: true;
}

function milvusPackage(): Record<string, ProtoType> {
  // The SDK's proto JSON is a CommonJS module with a plain object as default export.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a data module, read at build time
  const json = require(path.join(sdkDir(), 'dist/milvus/proto-json/milvus.js')) as {
    default: {
      nested: { milvus: { nested: { proto: { nested: { milvus: { nested: Record<string, ProtoType> } } } } } };
    };
  };
  return json.default.nested.milvus.nested.proto.nested.milvus.nested;
}

/** The field a request names its object with (`object_name_index` / `object_name_indexs` are field numbers). */
function fieldNamed(type: ProtoType, id: number): string | undefined {
  return Object.entries(type.fields ?? {}).find(([, f]) => f.id === id)?.[0];
}

function needOf(request: string, type: ProtoType): GeneratedNeed | undefined {
  const option = (key: string): string | number | undefined => type.options?.[OPTION + key];
  const objectType = option('object_type');
  const privilege = option('object_privilege');
  if (typeof objectType !== 'string' || typeof privilege !== 'string') return undefined;
  const many = Number(option('object_name_indexs') ?? 0);
  const one = Number(option('object_name_index') ?? 0);
  const objectField = many > 0 ? fieldNamed(type, many) : one > 0 ? fieldNamed(type, one) : undefined;
  return {
    request,
    objectType,
    privilege: privilege.replace(/^Privilege/, ''),
    ...(objectField ? { objectField } : {}),
    ...(many > 0 ? { many: true as const } : {}),
  };
}

/** RPC name → what it needs, for every MilvusService RPC whose request carries the option. */
export function requestNeeds(): { needs: Map<string, GeneratedNeed>; unchecked: string[] } {
  const pkg = milvusPackage();
  const methods = pkg.MilvusService?.methods ?? {};
  const needs = new Map<string, GeneratedNeed>();
  const unchecked: string[] = [];
  for (const [rpc, method] of Object.entries(methods).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const type = pkg[method.requestType];
    const need = type && needOf(method.requestType, type);
    if (need) needs.set(rpc, need);
    else unchecked.push(rpc);
  }
  return { needs, unchecked };
}

// SDK methods that choose the RPC at run time (a variable, not a literal): what they send. Each reads the collection's
// schema first (DescribeCollection, Data.js `_search`, `_insert`), so a user without DescribeCollection is refused there.
const DYNAMIC_METHODS: Record<string, string[]> = {
  insert: ['DescribeCollection', 'Insert'],
  upsert: ['DescribeCollection', 'Upsert'],
  search: ['DescribeCollection', 'Search'],
  hybridSearch: ['DescribeCollection', 'HybridSearch'],
  searchIterator: ['DescribeCollection', 'Search'],
  queryIterator: ['DescribeCollection', 'Query'],
};

/**
 * SDK method → the RPCs it sends, read from the SDK's client classes: a method's own `promisify(this.channelPool, 'X')`
 * calls, then those of the `this.other()` methods it calls (`count` calls `query`, which calls `_query`).
 */
export function sdkMethods(): Map<string, string[]> {
  const dir = path.join(sdkDir(), 'dist/milvus/grpc');
  const own = new Map<string, { rpcs: string[]; calls: string[] }>();
  const aliases = new Map<string, string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const src = fs.readFileSync(path.join(dir, file), 'utf8');
    // Constructor aliases: `this.listCollections = this.showCollections;`
    for (const m of src.matchAll(/^ {8}this\.(\w+) = this\.(\w+);$/gm)) if (m[1] && m[2]) aliases.set(m[1], m[2]);
    const heads = [...src.matchAll(/^ {4}(?:async )?(\w+)\([^)]*\) \{$/gm)];
    heads.forEach((head, i) => {
      const body = src.slice(head.index, heads[i + 1]?.index ?? src.length);
      const rpcs = [...body.matchAll(/promisify\)\(this\.channelPool, '(\w+)'/g)].map((m) => m[1] ?? '');
      const calls = [...body.matchAll(/this\.(\w+)\(/g)].map((m) => m[1] ?? '');
      if (head[1] && head[1] !== 'constructor') own.set(head[1], { rpcs, calls });
    });
  }
  const sends = (name: string, seen: ReadonlySet<string>): string[] => {
    const fixed = DYNAMIC_METHODS[name];
    if (fixed) return fixed;
    const method = own.get(aliases.get(name) ?? name);
    if (!method) return [];
    const below = method.calls.filter((c) => !seen.has(c)).flatMap((c) => sends(c, new Set([...seen, c])));
    return [...new Set([...below, ...method.rpcs])];
  };
  const result = new Map<string, string[]>();
  for (const name of [...new Set([...own.keys(), ...aliases.keys(), ...Object.keys(DYNAMIC_METHODS)])].sort()) {
    const rpcs = sends(name, new Set([name]));
    if (/^[a-z][A-Za-z]*$/.test(name) && rpcs.length > 0) result.set(name, rpcs);
  }
  return result;
}

function sdkVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(sdkDir(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The text of the generated file. */
export function requestNeedsText(): string {
  const { needs, unchecked } = requestNeeds();
  const lines = [
    '// Generated by scripts/requestNeeds.ts from @zilliz/milvus2-sdk-node ' +
      `${sdkVersion()} (dist/milvus/proto-json/milvus.js, dist/milvus/grpc/*.js). Do not edit: run npm run schemas.`,
    "import type { RequestNeed } from './requestNeed';",
    '',
    '/** The SDK version whose protocol this table was read from. */',
    `export const REQUEST_NEEDS_SDK = '${sdkVersion()}';`,
    '',
    '/** RPC → the privilege its request needs (`privilege_ext_obj`). */',
    'export const GENERATED_REQUEST_NEEDS: Readonly<Record<string, RequestNeed>> = {',
    ...[...needs].map(([rpc, need]) => `  ${rpc}: ${JSON.stringify(need)},`),
    '};',
    '',
    '/** RPCs whose request carries no `privilege_ext_obj`: the proxy checks no privilege for them. */',
    'export const GENERATED_UNCHECKED_RPCS: readonly string[] = [',
    ...unchecked.map((rpc) => `  '${rpc}',`),
    '];',
    '',
    '/** SDK method → the RPCs it sends. */',
    'export const GENERATED_SDK_METHODS: Readonly<Record<string, readonly string[]>> = {',
    ...[...sdkMethods()].map(([method, rpcs]) => `  ${method}: ${JSON.stringify(rpcs)},`),
    '};',
    '',
  ];
  return lines.join('\n');
}
