import * as vscode from 'vscode';
import type { AdminApi } from '../../core/adminApi';
import { MilvusError, errorMessage } from '../../core/errors/milvusError';
import type { ConnectionProfile, FeatureSet, Flavor, RuleProfileId } from '../../core/types';
import type { Snapshot } from '../../rbacEditor/snapshots';
import { withWriteProgress } from './progress';
import type { Services } from './services';

/** A connection a command acts on, connected. */
export class ActiveConnection {
  private featureSet: Promise<FeatureSet> | undefined;

  constructor(
    readonly services: Services,
    readonly profile: ConnectionProfile,
  ) {}

  /** The user this connection logs in as (undefined without authentication). */
  get loginUser(): string | undefined {
    return (
      this.services.connections.status(this.profile.id).info?.user ??
      (this.profile.auth === 'password' ? this.profile.username : undefined)
    );
  }

  /** One step against the server under a progress notification. A lost connection is reopened by the next step. */
  async run<T>(title: string, action: (api: AdminApi) => Promise<T>): Promise<T> {
    return withWriteProgress(title, () => this.services.connections.run(this.profile.id, action));
  }

  /** A quick read, without a notification (pickers show their own busy state). */
  read<T>(action: (api: AdminApi) => Promise<T>): Promise<T> {
    return this.services.connections.run(this.profile.id, action);
  }

  features(): Promise<FeatureSet> {
    this.featureSet ??= this.read((api) => api.features());
    return this.featureSet;
  }

  ruleProfile(): Promise<RuleProfileId> {
    return this.read(async (api) => api.ruleProfile);
  }

  /** Milvus or a Zilliz Cloud cluster type (core/access/flavor.ts). */
  flavor(): Promise<Flavor> {
    return this.read(async (api) => api.info.flavor);
  }

  /** Refuses before any question or RPC when a flavour rule says why not (the facade would refuse it later). */
  async refuseIf(rule: (flavor: Flavor) => string | undefined): Promise<void> {
    const reason = rule(await this.flavor());
    if (reason) throw new MilvusError('invalidInput', vscode.l10n.t('{reason} Nothing was sent.', { reason }));
  }

  /** Throws a clear refusal when the server lacks a feature (the menus already hide it). */
  async requireFeature(feature: keyof FeatureSet, what: string): Promise<void> {
    const features = await this.features().catch(() => undefined);
    if (features && !features[feature]) {
      throw new MilvusError(
        'unimplemented',
        vscode.l10n.t('"{name}" (Milvus {version}) does not support {feature}. It needs a newer Milvus.', {
          name: this.profile.name,
          version: this.services.connections.status(this.profile.id).info?.version ?? vscode.l10n.t('unknown version'),
          feature: what,
        }),
      );
    }
  }

  log(message: string): void {
    this.services.log.info(`${message} [${this.profile.name}]`);
  }

  /**
   * Keeps a local snapshot of the server's RBAC model before a change (the safety net). A snapshot that cannot be
   * taken is logged and does not stop the change the user has already confirmed.
   */
  async snapshot(reason: string): Promise<Snapshot | undefined> {
    try {
      const snapshot = await this.read((api) => this.services.rbacEditor.snapshots.take(api, this.profile, reason));
      this.log(`Kept a snapshot of the RBAC ${reason}.`);
      return snapshot;
    } catch (error) {
      const why = errorMessage(error);
      this.services.log.warn(`No snapshot of the RBAC was kept ${reason}: ${why} [${this.profile.name}]`);
      return undefined;
    }
  }
}
