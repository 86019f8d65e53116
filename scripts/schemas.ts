// Writes the JSON schemas generated from the valibot definitions, so that the editor checks what the extension checks:
//   package.json   contributes.configuration: the items of `milvusAccessManager.seedConnections` (SeedConnectionSchema)
//   schemas/milvus-rbac.schema.json   RBAC files (RbacFileSchema), used by VS Code for `*.milvus-rbac.json`
// The setting's descriptions are then turned into %key% references (scripts/l10n/manifest.ts), English in package.nls.json.
// `npm run schemas` writes them (the build does too, see esbuild.js); `--check` only says whether they are up to date.
// test/unit/schemas.test.ts fails when a committed file differs from what this generates.
import fs from 'node:fs';
import path from 'node:path';
import { toJsonSchema } from '@valibot/to-json-schema';
import type { GenericSchema } from 'valibot';
import { SeedConnectionSchema } from '../src/core/connectionSchema';
import { RbacFileSchema } from '../src/core/rbac/fileSchema';
import { convertManifest, readJson, sorted } from './l10n/manifest';
import { REQUEST_NEEDS_FILE, requestNeedsText } from './requestNeeds';
import type { JsonObject } from './l10n/manifestStrings';

export const SEED_SETTING = 'milvusAccessManager.seedConnections';
export const RBAC_SCHEMA_FILE = 'schemas/milvus-rbac.schema.json';

type Json = Record<string, unknown>;

function jsonSchema(schema: GenericSchema): Json {
  // 'output': a strict record's plain-object check in front of its object schema is not part of the JSON schema.
  return toJsonSchema(schema, { typeMode: 'output' }) as Json;
}

/** The JSON schema of one seedConnections entry (settings have no `$schema`). */
export function seedConnectionItems(): Json {
  const items = jsonSchema(SeedConnectionSchema);
  delete items.$schema;
  return items;
}

export function rbacFileJsonSchema(): Json {
  return jsonSchema(RbacFileSchema);
}

function seedSetting(pkg: Json): Json {
  const contributes = pkg.contributes as { configuration: { properties: Record<string, Json> } };
  const setting = contributes.configuration.properties[SEED_SETTING];
  if (!setting) throw new Error(`package.json has no setting ${SEED_SETTING}`);
  return setting;
}

const stringify = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Every generated file with the text it should have. */
export function generatedFiles(root: string): Map<string, string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Json;
  // A copy: the conversion below rewrites strings in place, and the schema objects may share arrays with the definitions.
  seedSetting(pkg).items = structuredClone(seedConnectionItems());
  // The generated descriptions are user-visible: they become %key% references like every other manifest string.
  const table = (file: string): Record<string, string> => readJson(path.join(root, file)) as Record<string, string>;
  const english = table('package.nls.json');
  convertManifest(pkg as JsonObject, english, table('package.nls.zh-cn.json'));
  return new Map([
    ['package.json', stringify(pkg)],
    ['package.nls.json', stringify(sorted(english))],
    [RBAC_SCHEMA_FILE, stringify(rbacFileJsonSchema())],
    [REQUEST_NEEDS_FILE, requestNeedsText()],
  ]);
}

/** The generated files whose text on disk differs from what they should be. */
export function staleFiles(root: string): string[] {
  const read = (file: string): string | undefined => {
    try {
      return fs.readFileSync(path.join(root, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  return [...generatedFiles(root)].filter(([file, text]) => read(file) !== text).map(([file]) => file);
}

/** Writes the files that changed; returns their names. */
export function writeSchemas(root: string): string[] {
  const stale = staleFiles(root);
  const files = generatedFiles(root);
  for (const file of stale) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), files.get(file) ?? '');
  }
  return stale;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '../..'); // out/scripts/schemas.js
  if (process.argv.includes('--check')) {
    const stale = staleFiles(root);
    if (stale.length > 0) {
      console.error(`schemas: out of date: ${stale.join(', ')}. Run npm run schemas.`);
      process.exit(1);
    }
  } else {
    const written = writeSchemas(root);
    console.log(written.length ? `schemas: wrote ${written.join(', ')}` : 'schemas: up to date');
  }
}
