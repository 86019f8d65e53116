// The places where the test server disagreed with real Milvus (issue 19, D1–D8), each settled by Milvus's source at a
// release commit (docs/milvus-behaviour.md §3.3 names the file and function). Each test failed on the server before.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type * as grpc from '@grpc/grpc-js';
import { Harness, assertStatus, b64, rawCall, GRPC } from './helpers';
import { RawMilvus } from './rawMilvus';

const harnesses: Harness[] = [];
after(async () => {
  for (const h of harnesses) await h.close();
});

async function rawOf(version: string, seed?: object): Promise<{ h: Harness; raw: RawMilvus }> {
  const h = await Harness.start({ auth: true, version, ...(seed ? { seed } : {}) });
  harnesses.push(h);
  return { h, raw: new RawMilvus(h.address) };
}

async function grpcCodeOf(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
    return undefined;
  } catch (e) {
    return (e as grpc.ServiceError).code;
  }
}

describe('D1–D8: the test server answers as Milvus does', () => {
  test('D1 UpdateCredential, empty new password, no description (2.6.19+) → 1100 "must update either password or description: invalid parameter" (internal/proxy/impl.go@v2.6.19)', async () => {
    const { raw } = await rawOf('v2.6.19');
    const res = await raw.call('UpdateCredential', { username: 'root', oldPassword: b64('Milvus'), newPassword: '' });
    assertStatus(res, { code: 1100, reason: 'must update either password or description: invalid parameter' });
  });

  for (const version of ['v2.5.27', 'v2.6.19']) {
    test(`D2 ${version} an invalid database name → 802 with the reason first (ValidateDatabaseName, WrapErrDatabaseNameInvalid)`, async () => {
      const { raw } = await rawOf(version);
      assertStatus(await raw.call('CreateDatabase', { db_name: '1db' }), {
        code: 802,
        reason:
          'the first character of a database name must be an underscore or letter: invalid database name[database=1db]',
      });
      const v2 = {
        role: { name: 'public' },
        grantor: { privilege: { name: 'Query' } },
        type: 'Grant',
        db_name: 'db-1',
        collection_name: '*',
      };
      assertStatus(await raw.call('OperatePrivilegeV2', v2), {
        code: 802,
        reason: 'database name can only contain numbers, letters and underscores: invalid database name[database=db-1]',
      });
    });
  }

  test('D3 DropDatabase validates the name first → 802 (dropDatabaseTask.PreExecute, internal/proxy/task_database.go@v2.6.19)', async () => {
    const { raw } = await rawOf('v2.6.19');
    assertStatus(await raw.call('DropDatabase', { db_name: '1db' }), {
      code: 802,
      reason:
        'the first character of a database name must be an underscore or letter: invalid database name[database=1db]',
    });
  });

  test('D4 SelectGrant with an object type outside Collection/Global/User → refused (Core.SelectGrant → isValidObject)', async () => {
    const { raw } = await rawOf('v2.6.19');
    const res = await raw.call('SelectGrant', {
      entity: { role: { name: 'public' }, object: { name: 'Database' }, object_name: '*' },
    });
    assertStatus(res, {
      code: 1100,
      error_code: 'SelectGrantFailure',
      reasonMatches:
        /^not found the object type\[name: Database\], supported the object types: \[.+\]: invalid parameter$/,
    });
    const { raw: r25 } = await rawOf('v2.5.27');
    assertStatus(
      await r25.call('SelectGrant', {
        entity: { role: { name: 'public' }, object: { name: 'Database' }, object_name: '*' },
      }),
      {
        code: 65535,
        error_code: 'SelectGrantFailure',
        reasonMatches: /^not found the object type\[name: Database\]/,
      },
    );
  });

  for (const version of ['v2.5.27', 'v2.6.18']) {
    test(`D5 SelectGrant of a missing role on ${version} → the isValidRole text of that release, 65535`, async () => {
      const { raw } = await rawOf(version);
      assertStatus(await raw.call('SelectGrant', { entity: { role: { name: 'ghost' } } }), {
        code: 65535,
        error_code: 'SelectGrantFailure',
        reason: "not found the role, maybe the role isn't existed or internal system error",
      });
    });
  }

  test('D6 privilege-group refusals on 2.6.18 are already 1100 with the suffix (CheckIfPrivilegeGroupCreatable / …Alterable)', async () => {
    const { raw } = await rawOf('v2.6.18');
    assert.equal(statusCode(await raw.call('CreatePrivilegeGroup', { group_name: 'g1' })), 0);
    assertStatus(await raw.call('CreatePrivilegeGroup', { group_name: 'g1' }), {
      code: 1100,
      error_code: 'CreatePrivilegeGroupFailure',
      reason:
        'failed to check if privilege group creatable: privilege group name [g1] is defined by users: invalid parameter',
    });
    assertStatus(
      await raw.call('OperatePrivilegeGroup', {
        group_name: 'nope',
        privileges: [{ name: 'Query' }],
        type: 'AddPrivilegesToGroup',
      }),
      {
        code: 1100,
        error_code: 'OperatePrivilegeGroupFailure',
        reason:
          'failed to check if privilege group alterable: there is no privilege group name [nope] defined in system to operate: invalid parameter',
      },
    );
  });

  test('D6 on 2.5 the same refusals have 2.5 texts, without the "failed to check" prefix (MetaTable.*PrivilegeGroup@v2.5.27)', async () => {
    const { raw } = await rawOf('v2.5.27');
    assert.equal(statusCode(await raw.call('CreatePrivilegeGroup', { group_name: 'g1' })), 0);
    assertStatus(await raw.call('CreatePrivilegeGroup', { group_name: 'g1' }), {
      code: 1100,
      reason: 'privilege group name [g1] is defined by users: invalid parameter',
    });
    assertStatus(
      await raw.call('OperatePrivilegeGroup', {
        group_name: 'nope',
        privileges: [{ name: 'Query' }],
        type: 'AddPrivilegesToGroup',
      }),
      { code: 1100, reason: 'there is no privilege group name [nope] to operate: invalid parameter' },
    );
  });

  test('D7 an RPC the test server does not implement: UNAUTHENTICATED or PERMISSION_DENIED first, UNIMPLEMENTED only to a caller who may call it', async () => {
    const { raw } = await rawOf('v2.6.19', { users: [{ name: 'lp', password: 'lp-password' }] });
    const search = { collection_name: 'c1', db_name: 'default' };
    assert.equal(await grpcCodeOf(raw.call('Search', search, RawMilvus.metadata())), GRPC.UNAUTHENTICATED);
    assert.equal(
      await grpcCodeOf(raw.call('Search', search, RawMilvus.metadata(b64('root:wrong')))),
      GRPC.UNAUTHENTICATED,
    );
    assert.equal(
      await grpcCodeOf(raw.call('Search', search, RawMilvus.metadata(b64('lp:lp-password')))),
      GRPC.PERMISSION_DENIED,
    );
    assert.equal(
      await grpcCodeOf(
        raw.call('DescribeResourceGroup', { resource_group: 'rg' }, RawMilvus.metadata(b64('lp:lp-password'))),
      ),
      GRPC.PERMISSION_DENIED,
    );
    assert.equal(await grpcCodeOf(raw.call('Search', search)), GRPC.UNIMPLEMENTED);
  });

  test('D8 OperatePrivilegeV2 checks the collection with ValidateCollectionName (validateName: trimmed, `$` allowed; impl.go@v2.6.19)', async () => {
    const { raw } = await rawOf('v2.6.19');
    const v2 = (collection: string) => ({
      role: { name: 'public' },
      grantor: { privilege: { name: 'Query' } },
      type: 'Grant',
      db_name: 'default',
      collection_name: collection,
    });
    assert.equal(statusCode(await raw.call('OperatePrivilegeV2', v2('c$1'))), 0);
    assertStatus(await raw.call('OperatePrivilegeV2', v2('1c')), {
      code: 1100,
      reason:
        'the first character of collection name must be an underscore or letter: invalid parameter[expected=95][actual=49]',
    });
  });
});

function statusCode(res: Record<string, unknown>): number {
  return Number((res as { code?: unknown }).code ?? -1);
}

describe('3.0.0 (--version v3.0.0)', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start({ auth: true, version: 'v3.0.0' });
    harnesses.push(h);
  });

  test('the built-in groups hold 3.0 privileges (constant.go@v3.0.0): snapshots in CollectionReadWrite, RenameCollection in DatabaseAdmin', async () => {
    const root = await h.root();
    const res = await rawCall<{ privilege_groups: { group_name: string; privileges: { name: string }[] }[] }>(
      root,
      'ListPrivilegeGroups',
      {},
    );
    const members = (g: string) =>
      res.privilege_groups.find((x) => x.group_name === g)?.privileges.map((p) => p.name) ?? [];
    assert.ok(members('CollectionReadWrite').includes('CreateSnapshot'));
    assert.ok(members('DatabaseAdmin').includes('RenameCollection'));
    assert.ok(!members('ClusterAdmin').includes('RenameCollection'));
    assert.ok(members('ClusterAdmin').includes('ExportSnapshot'));
  });

  test('a 3.0 privilege is granted on 3.0 and unknown to 2.6.19 ("not found the privilege name")', async () => {
    const raw = new RawMilvus(h.address);
    const v2 = {
      role: { name: 'public' },
      grantor: { privilege: { name: 'CreateSnapshot' } },
      type: 'Grant',
      db_name: 'default',
      collection_name: '*',
    };
    assert.equal(statusCode(await raw.call('OperatePrivilegeV2', v2)), 0);
    const { raw: r26 } = await rawOf('v2.6.19');
    assertStatus(await r26.call('OperatePrivilegeV2', v2), {
      code: 1100,
      reasonIncludes: 'not found the privilege name[CreateSnapshot]',
    });
  });

  test('the snapshot RPCs exist from 3.0.0 only (milvus.proto at milvus-proto v3.0.0)', async () => {
    const { raw: r26 } = await rawOf('v2.6.19');
    assert.equal(await grpcCodeOf(r26.call('ListSnapshots', {})), GRPC.UNIMPLEMENTED);
    const raw = new RawMilvus(h.address);
    // Known to 3.0's protocol, not implemented by the test server: root may call it, so UNIMPLEMENTED with its own text.
    await assert.rejects(raw.call('ListSnapshots', {}), (e: grpc.ServiceError) => /not implemented/.test(e.details));
  });
});
