import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../shared/http/origin-check';
import { projectFunctions, resourcesOfType, SYNTH_TIMEOUT_MS, type SynthesizedStage, synthStage } from './support';

type Origin = { Id: string; DomainName: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] };

/**
 * Finding 8/WAF bypass of the security review (issue 18): the execute-api endpoint is no way around
 * the distribution. CloudFront adds a secret header to what it forwards to the API; both API
 * functions get the secret's ARN (never its value) and refuse requests without it.
 */
describe('the API answers only requests that came through CloudFront', () => {
  let synth: SynthesizedStage;
  beforeAll(() => {
    synth = synthStage('dev', { bundle: false });
  }, SYNTH_TIMEOUT_MS);

  const secretId = () => {
    const ids = Object.keys(resourcesOfType(synth.stateless, 'AWS::SecretsManager::Secret')).filter((id) =>
      id.startsWith('ApiOriginSecret'),
    );
    expect(ids).toHaveLength(1);
    return ids[0] as string;
  };

  it('sends x-origin-verify from the secret, as a dynamic reference, on the API origin alone', () => {
    const distributions = Object.values(resourcesOfType(synth.stateless, 'AWS::CloudFront::Distribution'));
    expect(distributions).toHaveLength(1);
    const origins =
      (distributions[0]?.Properties.DistributionConfig as { Origins: Origin[] } | undefined)?.Origins ?? [];
    const withHeader = origins.filter((o) => o.OriginCustomHeaders?.some((h) => h.HeaderName === ORIGIN_VERIFY_HEADER));
    expect(withHeader).toHaveLength(1);
    const [api] = withHeader as [Origin];
    expect(JSON.stringify(api.DomainName)).toContain('execute-api');
    const value = JSON.stringify(api.OriginCustomHeaders?.find((h) => h.HeaderName === ORIGIN_VERIFY_HEADER));
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain(secretId());
  });

  it('gives the secret ARN to the public and organiser API functions only, and its value to none', () => {
    const functions = projectFunctions(synth);
    const withArn = Object.entries(functions)
      .filter(([, fn]) => 'ORIGIN_SECRET_ARN' in (fn.Properties.Environment as { Variables: object }).Variables)
      .map(([id]) => id)
      .sort();
    const id = (name: 'public-api' | 'admin-api') =>
      synth.stacks.stateless.getLogicalId(synth.stacks.stateless.functions[name].fn.node.defaultChild as never);
    expect(withArn).toEqual([id('admin-api'), id('public-api')].sort());
    for (const [, fn] of Object.entries(functions)) {
      const env = JSON.stringify(fn.Properties.Environment);
      expect(env).not.toContain('{{resolve:secretsmanager');
      if (env.includes('ORIGIN_SECRET_ARN')) expect(env).toContain(secretId());
    }
  });
});
