// The per-user way of listing users with their roles, as Attu 2.6 does it (zilliztech/attu
// server/src/users/users.controller.ts getUsers): ListCredUsers through the SDK's listUsers(), then one SelectUser
// (selectUser({ username, includeRoleInfo: true })) per user, awaited one after another. The concurrent variant sends the
// same per-user calls all at once, the best a per-user client could do. The bench-only SDK use lives here.
import { createRequire } from 'node:module';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';

type SdkModule = typeof import('@zilliz/milvus2-sdk-node');

export interface UserRoles {
  name: string;
  roles: string[];
}

export class PerUserClient {
  private constructor(private readonly client: MilvusClient) {}

  static async connect(address: string): Promise<PerUserClient> {
    const sdk = createRequire(__filename)('@zilliz/milvus2-sdk-node') as SdkModule;
    const client = new sdk.MilvusClient({ address, timeout: 600_000, telemetry: { enabled: false } });
    await client.connectPromise;
    return new PerUserClient(client);
  }

  private async usernames(): Promise<string[]> {
    const res = await this.client.listUsers();
    if (res.status.error_code !== 'Success') throw new Error(`ListCredUsers failed: ${res.status.reason}`);
    return res.usernames;
  }

  private async rolesOf(username: string): Promise<UserRoles> {
    const res = await this.client.selectUser({ username, includeRoleInfo: true });
    if (res.status.error_code !== 'Success') throw new Error(`SelectUser ${username} failed: ${res.status.reason}`);
    return { name: username, roles: (res.results[0]?.roles ?? []).map((r) => r.name) };
  }

  async sequential(limit?: number): Promise<UserRoles[]> {
    const names = (await this.usernames()).slice(0, limit);
    const out: UserRoles[] = [];
    for (const name of names) out.push(await this.rolesOf(name));
    return out;
  }

  async concurrent(limit?: number): Promise<UserRoles[]> {
    const names = (await this.usernames()).slice(0, limit);
    return Promise.all(names.map((name) => this.rolesOf(name)));
  }

  async close(): Promise<void> {
    await this.client.closeConnection();
  }
}
