// `npm run --silent l10n:manifest`: turns every user-visible string of package.json into a %key% reference, with the
// English text in package.nls.json. Idempotent: re-run it after merging a branch that adds commands or settings.
// A text whose English changed loses its stale zh-cn translation; keys nothing refers to any more are removed.
// It never translates: it lists the keys package.nls.zh-cn.json still lacks (test/unit/manifestL10n.test.ts fails
// until they are added).
import fs from 'node:fs';
import path from 'node:path';
import { manifestStrings, referencedKey, setAt, type JsonObject } from './manifestStrings';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MANIFEST = path.join(ROOT, 'package.json');
const NLS_FILE = path.join(ROOT, 'package.nls.json');
const ZH_CN_FILE = path.join(ROOT, 'package.nls.zh-cn.json');

export function readJson(file: string): JsonObject {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as JsonObject) : {};
}

function writeJson(file: string, value: object): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

export function sorted(table: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(table)
      .sort()
      .map((k) => [k, table[k]]),
  );
}

export interface Conversion {
  converted: number;
  /** Keys in use, sorted. */
  used: string[];
  /** What changed besides the conversion (dropped translations, removed keys, broken references). */
  notes: string[];
}

/** Converts `manifest` in place and updates both string tables in place. */
export function convertManifest(
  manifest: JsonObject,
  english: Record<string, string>,
  chinese: Record<string, string>,
): Conversion {
  const used = new Set<string>();
  const notes: string[] = [];
  let converted = 0;
  for (const { path: at, key, value } of manifestStrings(manifest)) {
    used.add(key);
    if (referencedKey(value) !== undefined) {
      if (english[key] === undefined) notes.push(`package.json refers to %${key}%, which package.nls.json lacks`);
      continue;
    }
    if (english[key] !== undefined && english[key] !== value && chinese[key] !== undefined) {
      notes.push(`changed English, zh-cn translation dropped: ${key}`);
      delete chinese[key];
    }
    english[key] = value;
    setAt(manifest, at, `%${key}%`);
    converted++;
  }
  for (const key of Object.keys(english)) {
    if (used.has(key)) continue;
    notes.push(`no longer used, removed: ${key}`);
    delete english[key];
    delete chinese[key];
  }
  return { converted, used: [...used].sort(), notes };
}

function main(): void {
  const manifest = readJson(MANIFEST);
  const english = readJson(NLS_FILE) as Record<string, string>;
  const chinese = readJson(ZH_CN_FILE) as Record<string, string>;
  const { converted, used, notes } = convertManifest(manifest, english, chinese);
  for (const note of notes) console.log(note);
  writeJson(MANIFEST, manifest);
  writeJson(NLS_FILE, sorted(english));
  writeJson(ZH_CN_FILE, sorted(chinese));
  const untranslated = used.filter((k) => chinese[k] === undefined);
  console.log(`${converted} string(s) converted to %key%; ${used.length} key(s) in use.`);
  if (untranslated.length > 0)
    console.log(`package.nls.zh-cn.json lacks ${untranslated.length}:\n  ${untranslated.join('\n  ')}`);
}

if (require.main === module) main();
