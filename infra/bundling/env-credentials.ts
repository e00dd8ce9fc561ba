import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (an esbuild alias, set in
 * infra/constructs/thidua-function.ts and mirrored by the bench). Lambda hands the execution role's
 * credentials to the function in its environment, where the SDK's default chain finds them first;
 * the chain's other links (SSO, shared ini files, credential processes, web identity, container and
 * instance metadata) and the STS and SSO clients they carry are never reached there. Leaving them
 * out takes about 130 KB off every bundle (docs/toolchain.md "Bundle size"). The local twin runs the
 * handlers unbundled and keeps the full chain.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
