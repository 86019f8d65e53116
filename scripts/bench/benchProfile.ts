import type { ConnectionProfile } from '../../src/core/types';

/** A connection profile for a local test server without authentication. */
export function benchProfile(address: string): ConnectionProfile {
  return {
    id: 'bench',
    name: 'bench',
    uri: `http://${address}`,
    database: 'default',
    auth: 'none',
    tls: { mode: 'off' },
  };
}
