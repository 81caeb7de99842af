import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretSource } from '../../ports/secrets';

/** The part of the SDK client the source uses, so tests can count and fake its calls. */
export interface SecretsManagerLike {
  send(command: GetSecretValueCommand): Promise<{ SecretString?: string | undefined }>;
}

export const createSecretsManagerClient = (): SecretsManagerLike => new SecretsManagerClient({});

/**
 * One secret from AWS Secrets Manager, fetched with GetSecretValue on first use and cached for the
 * life of the container (one call per cold start). A failed fetch is not cached, so the next
 * invocation tries again instead of the container staying broken.
 */
export function createSecretsManagerSource(client: SecretsManagerLike, secretId: string): SecretSource {
  let pending: Promise<string> | null = null;
  const fetchSecret = async (): Promise<string> => {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!out.SecretString) throw new Error(`secret ${secretId} has no string value`);
    return out.SecretString;
  };
  return {
    secret: () => {
      pending ??= fetchSecret().catch((e: unknown) => {
        pending = null;
        throw e;
      });
      return pending;
    },
  };
}
