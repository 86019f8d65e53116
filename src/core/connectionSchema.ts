// The connection profile, defined once: the stored profiles, the seedConnections setting (its JSON schema in
// package.json is generated from SeedConnectionSchema by scripts/schemas.ts) and the connection form's drafts are all
// built from these entries, and their TypeScript types are inferred from them. No 'vscode' import here.
import * as v from 'valibot';
import { optionalEntries, strictRecord } from './schema';

export const AUTH_MODES = ['none', 'password', 'token'] as const;
export const TLS_MODES = ['off', 'oneWay', 'mutual'] as const;
/** 'auto' = detected from the server version; the others override it. */
export const RULE_PROFILE_CHOICES = ['auto', 'milvus-2.4', 'milvus-2.5', 'milvus-2.6', 'zilliz-cloud'] as const;
/** 'auto' = from the URI (a Zilliz Cloud endpoint); the others say what the server is (core/access/flavor.ts). */
export const FLAVOR_CHOICES = ['auto', 'milvus', 'zilliz-dedicated', 'zilliz-serverless'] as const;
export const DEFAULT_DATABASE = 'default';

/** Longest text a profile field may hold (a form's draft is refused beyond it). */
const MAX_TEXT = 4096;
const text = (max = MAX_TEXT) => v.pipe(v.string(), v.maxLength(max));
const described = <S extends v.GenericSchema>(schema: S, description: string) =>
  v.pipe(schema, v.description(description));

const tlsEntries = {
  mode: v.pipe(
    v.picklist(TLS_MODES),
    v.description('TLS mode.'),
    v.metadata({
      default: 'off',
      enumDescriptions: [
        'No TLS (http://).',
        'TLS: the client checks the server certificate (https://).',
        'Mutual TLS: the server also checks a client certificate and key.',
      ],
    }),
  ),
  caPath: v.optional(described(text(), 'CA certificate file (PEM); the system CAs when absent.')),
  certPath: v.optional(described(text(), 'Client certificate file (PEM), for mutual TLS.')),
  keyPath: v.optional(described(text(), 'Client key file (PEM), for mutual TLS.')),
  serverName: v.optional(described(text(255), 'Server name to check the certificate against, when not the host.')),
};

export const TlsSchema = strictRecord(tlsEntries);

const requiredEntries = {
  name: described(text(), 'Display name.'),
  uri: described(text(), 'http://host:port or https://host:port (port defaults to 19530).'),
  database: v.pipe(text(), v.description('Database to use.'), v.metadata({ default: DEFAULT_DATABASE })),
  auth: v.pipe(
    v.picklist(AUTH_MODES),
    v.description('How to log in.'),
    v.metadata({
      default: 'none',
      enumDescriptions: ['No authentication.', 'Username and password.', 'Token or API key.'],
    }),
  ),
  tls: TlsSchema,
};

const optionalProfileEntries = optionalEntries({
  username: described(text(), 'User to log in as (auth "password").'),
  sessionOnly: described(
    v.boolean(),
    'Keep the connection and its secret for this VS Code session only; never saved in global state.',
  ),
  askSecret: v.pipe(
    v.boolean(),
    v.description('Ask for the password or token on each connect; never store it.'),
    v.metadata({ default: false }),
  ),
  ruleProfile: v.pipe(
    v.picklist(RULE_PROFILE_CHOICES),
    v.description('Naming and password rules: "auto" detects them from the server version.'),
    v.metadata({ default: 'auto' }),
  ),
  flavor: v.pipe(
    v.picklist(FLAVOR_CHOICES),
    v.description(
      'What the server is: Milvus, or a Zilliz Cloud Dedicated or Serverless cluster; "auto" tells from the URI.',
    ),
    v.metadata({ default: 'auto' }),
  ),
});

/** A saved connection. Never holds a secret: those live in the secret vault under the profile's id. */
export const ConnectionProfileSchema = strictRecord({ id: text(), ...requiredEntries, ...optionalProfileEntries });

/** A profile as the connection form sends it: the id only when editing. */
export const DraftProfileSchema = strictRecord({
  id: v.optional(text()),
  ...requiredEntries,
  ...optionalProfileEntries,
});

const seedEntries = {
  name: requiredEntries.name,
  uri: requiredEntries.uri,
  ...optionalEntries({
    database: requiredEntries.database,
    auth: requiredEntries.auth,
    tls: strictRecord(optionalEntries(tlsEntries)),
  }),
  ...optionalProfileEntries,
};

/** One entry of the `milvusAccessManager.seedConnections` setting: every profile field but the id, never a secret. */
export const SeedConnectionSchema = strictRecord(seedEntries);

/** Only ever in the secret vault or in memory, never in a profile, a setting or the log. */
export const ConnectionSecretSchema = strictRecord(optionalEntries({ password: text(), token: text() }));

export type AuthMode = (typeof AUTH_MODES)[number];
export type TlsMode = (typeof TLS_MODES)[number];
/** Which rule set applies: detected from the server version, overridable per connection. */
export type RuleProfileId = Exclude<(typeof RULE_PROFILE_CHOICES)[number], 'auto'>;
/** Milvus, or a Zilliz Cloud cluster type (the choice once 'auto' is resolved). */
export type Flavor = Exclude<(typeof FLAVOR_CHOICES)[number], 'auto'>;
export type TlsSettings = v.InferOutput<typeof TlsSchema>;
export type ConnectionProfile = v.InferOutput<typeof ConnectionProfileSchema>;
export type DraftProfile = v.InferOutput<typeof DraftProfileSchema>;
export type SeedConnection = v.InferOutput<typeof SeedConnectionSchema>;
/** A profile given by the settings or a caller: no id yet, every field but name and uri optional (defaults apply). */
export type ProfileInput = SeedConnection & { id?: string };
export type ConnectionSecret = v.InferOutput<typeof ConnectionSecretSchema>;
