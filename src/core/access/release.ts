// Milvus release numbers as GetVersion reports them (`v2.6.19`, `2.5.3`, `v2.6.19-gpu`): parsed and compared.

export type Release = readonly [number, number, number];

/** The first `major.minor[.patch]` in the text, or undefined (then callers assume the newest behaviour). */
export function parseRelease(version: string | undefined): Release | undefined {
  const m = /v?(\d+)\.(\d+)(?:\.(\d+))?/i.exec(version ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

export function compareReleases(a: Release, b: Release): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether `version` is at least `since`; an unknown version counts as the newest. */
export function atLeast(version: string | undefined, since: string): boolean {
  const have = parseRelease(version);
  const want = parseRelease(since);
  return !have || !want || compareReleases(have, want) >= 0;
}

export function releaseLabel(release: Release): string {
  return release.join('.');
}
