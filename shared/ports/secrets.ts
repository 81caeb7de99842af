/**
 * Where a deployment secret comes from. Functions ask once, at cold start, and keep the value for
 * the container's life: the value never sits in the function's configuration, where anyone allowed
 * `lambda:GetFunctionConfiguration` could read it.
 */
export interface SecretSource {
  secret(): Promise<string>;
}
