// RPCs per listing, as counted by the test server (a counter per gRPC method), on a fresh connection.
import { connectMilvus } from '../../src/core/milvus/connect';
import { benchProfile } from './benchProfile';
import { GRANTS_ROLE } from '../../test/regression/seedUsers';
import { BenchServer, countRpcs, totalRpcs } from './serverProcess';

export interface RpcCountFigures {
  users: number;
  usersWithRoles: number;
  rolesWithUsers: number;
  grantsOfRole: number;
  byMethod: {
    usersWithRoles: Record<string, number>;
    rolesWithUsers: Record<string, number>;
    grantsOfRole: Record<string, number>;
  };
  /** RPCs the connect itself made (Connect, version probe, ...), for context. */
  connect: Record<string, number>;
}

export async function measureRpcCounts(server: BenchServer): Promise<RpcCountFigures> {
  let admin: Awaited<ReturnType<typeof connectMilvus>> | undefined;
  const connect = await countRpcs(server, async () => {
    admin = await connectMilvus(benchProfile(server.address), undefined, { timeoutMs: 60_000 });
  });
  if (!admin) throw new Error('connect failed');
  const a = admin;
  try {
    const usersWithRoles = await countRpcs(server, () => a.listUsersWithRoles());
    const rolesWithUsers = await countRpcs(server, () => a.listRolesWithUsers());
    const grantsOfRole = await countRpcs(server, () => a.listGrants(GRANTS_ROLE));
    return {
      users: server.users,
      usersWithRoles: totalRpcs(usersWithRoles),
      rolesWithUsers: totalRpcs(rolesWithUsers),
      grantsOfRole: totalRpcs(grantsOfRole),
      byMethod: { usersWithRoles, rolesWithUsers, grantsOfRole },
      connect,
    };
  } finally {
    await a.close();
  }
}
