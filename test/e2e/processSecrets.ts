// What other local users and every integrated terminal can see of a process: its command line and environment.
import fs from 'node:fs';

/** `pid` and all its descendants (from /proc/<pid>/stat's parent ids). */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const next = queue.shift() as number;
    tree.push(next);
    queue.push(...(parents.get(next) ?? []));
  }
  return tree;
}

/** The processes of the tree whose command line or environment holds `secret`, as "pid cmdline|environ" strings. */
export function processesExposing(pid: number, secret: string): { checked: number; hits: string[] } {
  const hits: string[] = [];
  let checked = 0;
  for (const p of processTree(pid)) {
    for (const part of ['cmdline', 'environ']) {
      try {
        if (fs.readFileSync(`/proc/${p}/${part}`).includes(Buffer.from(secret))) hits.push(`${p} ${part}`);
        checked++;
      } catch {
        // ended meanwhile
      }
    }
  }
  return { checked, hits };
}
