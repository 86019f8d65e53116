// "Did you mean …?" for a misspelled privilege or group name: the closest known name by edit distance.
import { ALL_PRIVILEGE, BUILT_IN_GROUPS, LEGACY_GROUPS, PRIVILEGES } from './privileges';

/** Levenshtein distance, case-insensitive (a wrong case is one kind of misspelling too). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length];
}

/** The candidate closest to `name`, if it is close enough to be a misspelling of it (about a third of its letters). */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const d = distance(name, candidate);
    if (d <= limit && (best === undefined || d < best.distance)) best = { name: candidate, distance: d };
  }
  return best?.name;
}

/** Every privilege and group name Milvus defines, then `more` (e.g. a file's own groups). */
export function privilegeAndGroupNames(more: Iterable<string> = []): string[] {
  return [
    ...PRIVILEGES.map((p) => p.name),
    ...BUILT_IN_GROUPS.map((g) => g.name),
    ...LEGACY_GROUPS.map((g) => g.name),
    ALL_PRIVILEGE,
    ...more,
  ];
}
