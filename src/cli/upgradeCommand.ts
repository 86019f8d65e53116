// milvus-rbac upgrade-impact --to 3.0.0: what the upgrade changes for the connected server's roles and users,
// computed locally from the server's model. Exit 0, 1 error.
import { readAccessModel } from '../core/access/explainRead';
import { KNOWN_RELEASES } from '../core/access/releaseCatalogue';
import { upgradeImpact } from '../core/access/upgrade';
import { UsageError } from './args';
import type { AnswerContext } from './answerContext';

export const UPGRADE_USAGE = `Usage: milvus-rbac upgrade-impact --uri URI [--user NAME] --to RELEASE [--json]

  RELEASE: one the extension knows (${KNOWN_RELEASES.join(', ')}). Lists the built-in groups that gain or lose
  privileges, the requests whose privilege changes, and the roles and users affected through their grants.`;

export async function runUpgradeImpact({ values, out, connect, json }: AnswerContext): Promise<number> {
  const to = typeof values.to === 'string' ? values.to.replace(/^v/, '') : undefined;
  if (!to || !(KNOWN_RELEASES as readonly string[]).includes(to))
    throw new UsageError(`--to is one of ${KNOWN_RELEASES.join(', ')}.`);
  const { api, address } = await connect();
  const model = await readAccessModel(api);
  const impact = upgradeImpact(model.serverVersion, to, [...model.grantsByRole.values()].flat(), model.users);
  if (json) {
    out.json({ target: address, ...impact });
    return 0;
  }
  out.line(`Upgrade impact on ${address}: Milvus ${impact.from} → ${impact.to}`);
  out.line(`Built-in groups changed: ${impact.groups.length}`);
  for (const g of impact.groups)
    out.line(
      `  ${g.group}: ${[g.gained.length ? `+ ${g.gained.join(', ')}` : '', g.lost.length ? `- ${g.lost.join(', ')}` : ''].filter(Boolean).join('; ')}`,
    );
  out.line(
    `Requests whose privilege changes: ${impact.requests.filter((r) => !r.added).length}; new requests: ${impact.requests.filter((r) => r.added).length}`,
  );
  for (const r of impact.requests.filter((x) => !x.added))
    out.line(
      `  ${r.rpc}: ${r.before ? `${r.before.privilege} (${r.before.objectType})` : 'nothing'} → ${r.after ? `${r.after.privilege} (${r.after.objectType})` : 'nothing'}`,
    );
  out.line(`Roles affected: ${impact.roles.length}`);
  for (const role of impact.roles) {
    out.line(`  ${role.role} (users: ${role.users.join(', ') || 'none'})`);
    for (const t of role.through)
      out.line(
        `    through ${t.group} on ${t.scope}: ${[t.gained.length ? `gains ${t.gained.join(', ')}` : '', t.lost.length ? `loses ${t.lost.join(', ')}` : ''].filter(Boolean).join('; ')}`,
      );
  }
  return 0;
}
