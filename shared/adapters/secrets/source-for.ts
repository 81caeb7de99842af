import type { SecretSource } from '../../ports/secrets';
import { fixedSecretSource } from './fixed';
import { createSecretsManagerClient, createSecretsManagerSource } from './secrets-manager';

/** A secret as a function's configuration names it: a Secrets Manager id in AWS, a value locally. */
export type SecretReference = { kind: 'secrets-manager'; secretId: string } | { kind: 'fixed'; value: string };

export const secretSourceFor = (ref: SecretReference): SecretSource =>
  ref.kind === 'fixed'
    ? fixedSecretSource(ref.value)
    : createSecretsManagerSource(createSecretsManagerClient(), ref.secretId);
