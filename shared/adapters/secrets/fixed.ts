import type { SecretSource } from '../../ports/secrets';

/** A secret known in advance: the local stack's own key, tests, benchmarks. */
export const fixedSecretSource = (value: string): SecretSource => ({ secret: async () => value });
