import type { AdminApi } from '../../core/adminApi';
import type { ActiveConnection } from './activeConnection';
import { errorMessage } from '../../core/errors/milvusError';

/**
 * The names in one listing (one RPC), sorted, to check a new name against as it is typed. A caller allowed to create
 * may still be refused the listing: then undefined (logged), and a taken name is left to the server to refuse.
 */
export async function existingNames(
  target: ActiveConnection,
  what: string,
  list: (api: AdminApi) => Promise<{ name: string }[]>,
): Promise<string[] | undefined> {
  try {
    return (await target.read(list)).map((item) => item.name).sort();
  } catch (error) {
    target.services.log.warn(`Could not list the ${what}: ${errorMessage(error)} [${target.profile.name}]`);
    return undefined;
  }
}
