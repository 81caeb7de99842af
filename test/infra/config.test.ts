import { describe, expect, it } from 'vitest';
import { type ContextOverrides, resolveStageConfig, StageConfigError, stageNames } from '../../infra/config';

/** Prod has no default alarm address: the organiser must give theirs. */
const required = (stage: string): ContextOverrides => (stage === 'prod' ? { alarmEmail: 'ops@example.org' } : {});

describe('stage configuration', () => {
  it.each(stageNames)('accepts the %s defaults', (stage) => {
    const config = resolveStageConfig(stage, required(stage));
    expect(config.stage).toBe(stage);
    expect(config.account).toBeUndefined();
    expect(config.region).toBeUndefined();
  });

  it('defaults to dev', () => {
    expect(resolveStageConfig(undefined).stage).toBe('dev');
  });

  it('retains and protects prod, not dev', () => {
    expect(resolveStageConfig('prod', required('prod')).retention).toMatchObject({
      removal: 'retain',
      deletionProtection: true,
    });
    expect(resolveStageConfig('dev').retention).toMatchObject({ removal: 'destroy', deletionProtection: false });
  });

  it('applies context overrides', () => {
    const config = resolveStageConfig('prod', {
      account: '123456789012',
      region: 'eu-west-1',
      alarmEmail: 'ops@example.org',
      corsOrigins: 'https://a.example.org, https://b.example.org',
    });
    expect(config).toMatchObject({
      account: '123456789012',
      region: 'eu-west-1',
      alarmEmail: 'ops@example.org',
      corsAllowedOrigins: ['https://a.example.org', 'https://b.example.org'],
    });
  });

  it.each<[ContextOverrides & { stage?: string }, RegExp]>([
    [{ stage: 'test' }, /stage: must be one of dev, prod/],
    [{ account: '123' }, /account: must be a 12-digit AWS account id/],
    [{ account: '123456789012' }, /give both account and region/],
    [{ corsOrigins: 'https://example.org/form' }, /corsAllowedOrigins\.0: must be an origin/],
    [{ alarmEmail: 'not-an-address' }, /alarmEmail: must be an email address/],
    [{ mailFrom: 'someone@elsewhere.org' }, /mail\.from: must be an address on/],
    [{ stage: 'prod', corsOrigins: 'http://localhost:3000' }, /prod origins must use https/],
    [{ stage: 'prod', publicBaseUrl: 'http://stadsgesprekken.example.org' }, /publicBaseUrl: prod must use https/],
  ])('refuses %o naming the field', ({ stage, ...overrides }, message) => {
    const given = { ...required(stage ?? 'dev'), ...overrides };
    expect(() => resolveStageConfig(stage ?? 'dev', given)).toThrow(StageConfigError);
    expect(() => resolveStageConfig(stage ?? 'dev', given)).toThrow(message);
  });

  it('refuses prod without an alarm address, naming the field; dev may go without', () => {
    expect(() => resolveStageConfig('prod')).toThrow(StageConfigError);
    expect(() => resolveStageConfig('prod')).toThrow(/alarmEmail: prod needs an address for its alarms/);
    expect(resolveStageConfig('dev').alarmEmail).toBeUndefined();
  });
});
