// The version `milvus-rbac --version` prints: package.json's, put in by esbuild.js (`define`) when the CLI is bundled.
declare const MILVUS_RBAC_VERSION: string | undefined;

export const CLI_VERSION: string = typeof MILVUS_RBAC_VERSION === 'string' ? MILVUS_RBAC_VERSION : 'development';
