export type SecretBackendId = 'secretStorage' | 'keytar';

/** A place to keep one string per key. Implementations never log or echo the value. */
export interface SecretBackend {
  readonly id: SecretBackendId;
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}
