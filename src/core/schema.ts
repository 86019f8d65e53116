// How the project uses valibot: the object building block every outside shape is made of, and how the first problem
// in a value reads to a person ("grants[3].dbName: must be a string."). Pure TypeScript: the extension, the webview
// bundles and the build script share it.
import * as l10n from '@vscode/l10n';
import * as v from 'valibot';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * An object with exactly these keys. valibot's own object schemas take arrays and class instances for objects; the
 * plain-object check in front refuses them. (The JSON schema is converted from the last schema of the pipe.)
 */
export function strictRecord<const E extends v.ObjectEntries>(entries: E) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, () => l10n.t('must be an object.')),
    v.strictObject(entries),
  );
}

/** Every entry optional: the same fields, for shapes where each may be left out. */
export function optionalEntries<const E extends v.ObjectEntries>(
  entries: E,
): { [K in keyof E]: v.OptionalSchema<E[K], undefined> } {
  return Object.fromEntries(Object.entries(entries).map(([key, schema]) => [key, v.optional(schema)])) as {
    [K in keyof E]: v.OptionalSchema<E[K], undefined>;
  };
}

/** `must be one of "a", "b" or "c".` from valibot's `("a" | "b" | "c")`. */
function oneOf(expected: string): string {
  const options = expected.replace(/^\((.*)\)$/, '$1').split(' | ');
  return options.length === 1
    ? l10n.t('must be {value}.', { value: options[0] })
    : l10n.t('must be one of {options} or {last}.', {
        options: options.slice(0, -1).join(', '),
        last: options[options.length - 1],
      });
}

/** The sentence for an issue the schema gives no message of its own. Never quotes the value. */
function sentence(issue: v.BaseIssue<unknown>): string {
  switch (issue.type) {
    case 'strict_object':
    case 'object':
      if (issue.expected === 'never') return l10n.t('unknown field {field}.', { field: issue.received });
      return l10n.t('the field {field} is missing.', { field: issue.expected ?? '' });
    case 'array':
      return l10n.t('must be a list.');
    case 'string':
      return l10n.t('must be a string.');
    case 'boolean':
      return l10n.t('must be true or false.');
    case 'number':
      return l10n.t('must be a number.');
    case 'picklist':
    case 'literal':
      return oneOf(issue.expected ?? '');
    case 'max_length':
      return l10n.t('must have at most {count} characters.', { count: String(issue.requirement) });
    default:
      return issue.expected ? l10n.t('must be {value}.', { value: issue.expected }) : l10n.t('must be something else.');
  }
}

/** `roles[2].name`, after `root`; a missing or unknown key is reported at the object that holds it. */
function pathText(issue: v.BaseIssue<unknown>, root: string): string {
  const items = issue.path ?? [];
  const last = items[items.length - 1];
  const where = last && 'origin' in last && last.origin === 'key' ? items.slice(0, -1) : items;
  let text = root;
  for (const item of where) {
    const key = String(item.key);
    text = item.type === 'array' ? `${text}[${key}]` : text ? `${text}.${key}` : key;
  }
  return text;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; at: string; message: string };

/**
 * The value if it fits the schema, else where the first problem is (`root` plus the JSON path; `rootName` when it is
 * the value itself) and what it is.
 */
export function checkShape<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  root = '',
  rootName = l10n.t('the top level'),
): Checked<v.InferOutput<S>> {
  const result = v.safeParse(schema, value, { abortEarly: true, message: sentence });
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  return { ok: false, at: pathText(issue, root) || rootName, message: issue.message };
}
