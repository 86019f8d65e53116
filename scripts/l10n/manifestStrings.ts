// Finds the user-visible strings of package.json (the extension's name and description, and the texts in
// `contributes`) and gives each a stable package.nls.json key. Shared by scripts/l10n/manifest.ts, which turns them
// into %key% references, and test/unit/manifestL10n.test.ts, which checks that none is left and each is translated.

export interface ManifestString {
  /** Where the value sits, from the manifest's root, e.g. ['contributes', 'commands', 3, 'title']. */
  path: (string | number)[];
  /** The package.nls.json key, e.g. 'command.connect.title'. */
  key: string;
  /** The value as found: English text, or a '%key%' reference once converted. */
  value: string;
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Fields whose string value VS Code shows to people, wherever they occur in `contributes`. */
const TEXT_FIELDS = new Set([
  'title',
  'shortTitle',
  'description',
  'markdownDescription',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'label',
  'contents',
  'displayName',
  'userDescription',
  'contextualTitle',
  'altText',
  'errorMessage',
  'patternErrorMessage',
]);
/** Fields holding a list of texts, one per `enum` value. */
const TEXT_LIST_FIELDS = new Set(['enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels']);
/** Subtrees that hold ids, conditions and schema data, never text. */
const SKIPPED = new Set(['menus', 'keybindings', 'jsonValidation', 'grammars', 'enum', 'default', 'examples', 'const']);
/** Our ids start with the extension's name space; keys leave it out. */
const OWN_PREFIX = 'milvusAccessManager.';
const ID_FIELDS = ['command', 'id', 'view', 'languageId'];
/** Contribution points keyed by a container or location name, which the ids below already make unique. */
const CONTAINER_KEYED = new Set(['views', 'viewsContainers']);

const REFERENCE = /^%([^%\s]+)%$/;

/** The key a '%key%' value refers to, or undefined for a plain text. */
export function referencedKey(value: string): string | undefined {
  return REFERENCE.exec(value)?.[1];
}

function shortId(id: string): string {
  return id.startsWith(OWN_PREFIX) ? id.slice(OWN_PREFIX.length) : id;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An array element's name in a key: its id (command, view, …) without our prefix, else its position. */
function elementName(element: Json, index: number): string {
  if (isObject(element)) {
    for (const field of ID_FIELDS) {
      const id = element[field];
      if (typeof id === 'string') return shortId(id);
    }
  }
  return String(index);
}

/** 'Milvus' → 'milvus', 'Access Manager' → 'accessManager': one shared key per distinct command category. */
function categoryKey(value: string): string {
  const words = value.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return `category.${words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1))).join('')}`;
}

/** The first segment of a key: singular and short for the common contribution points. */
const SECTION_NAMES: Record<string, string> = {
  commands: 'command',
  views: 'view',
  viewsContainers: 'viewsContainer',
  viewsWelcome: 'viewsWelcome',
  configuration: 'config',
  walkthroughs: 'walkthrough',
  submenus: 'submenu',
};

/**
 * Every user-visible string of the manifest, in document order. Keys follow the place, not the text, so a reworded
 * title keeps its key; command categories share one key per distinct category.
 */
export function manifestStrings(manifest: JsonObject): ManifestString[] {
  const found: ManifestString[] = [];
  for (const field of ['displayName', 'description']) {
    const value = manifest[field];
    if (typeof value === 'string') found.push({ path: [field], key: `extension.${field}`, value });
  }
  const contributes = manifest.contributes;
  if (!isObject(contributes)) return found;
  const seen = new Map<string, number>();
  const unique = (key: string): string => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}.${n}`;
  };

  const add = (path: (string | number)[], derivedKey: string, value: string): void => {
    found.push({ path, key: referencedKey(value) ?? derivedKey, value });
  };

  const walk = (node: Json, path: (string | number)[], keyParts: string[], inView: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((element, i) => walk(element, [...path, i], [...keyParts, elementName(element, i)], inView));
      return;
    }
    if (!isObject(node)) return;
    for (const [field, value] of Object.entries(node)) {
      if (SKIPPED.has(field)) continue;
      const at = [...path, field];
      if (typeof value === 'string') {
        if (path.length === 3 && path[1] === 'commands' && field === 'category') {
          add(at, categoryKey(value), value);
        } else if (TEXT_FIELDS.has(field) || (inView && field === 'name')) {
          add(at, unique([...keyParts, field].join('.')), value);
        }
      } else if (TEXT_LIST_FIELDS.has(field) && Array.isArray(value)) {
        const names = enumNames(node.enum, value.length);
        value.forEach((text, i) => {
          if (typeof text === 'string') add([...at, i], unique([...keyParts, field, names[i]].join('.')), text);
        });
      } else {
        // `properties` levels, view containers' locations and our name space add nothing to a key
        const silent = field === 'properties' || (path.length === 2 && CONTAINER_KEYED.has(String(path[1])));
        walk(value, at, silent ? keyParts : [...keyParts, shortId(field)], inView);
      }
    }
  };

  for (const [section, value] of Object.entries(contributes)) {
    if (SKIPPED.has(section)) continue;
    walk(value, ['contributes', section], [SECTION_NAMES[section] ?? section], section === 'views');
  }
  return found;
}

function enumNames(values: Json | undefined, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    Array.isArray(values) && typeof values[i] === 'string' ? values[i] : String(i),
  );
}

/** Replaces the value at `path` (as found by manifestStrings) in place. */
export function setAt(root: JsonObject, path: (string | number)[], value: string): void {
  let node: Json = root;
  for (const step of path.slice(0, -1)) node = (node as Record<string | number, Json>)[step];
  (node as Record<string | number, Json>)[path[path.length - 1]] = value;
}
