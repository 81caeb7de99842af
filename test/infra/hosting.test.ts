import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ContextOverrides, resolveStageConfig, StageConfigError } from '../../infra/config';
import { publicWriteRoutes, sitePathPattern } from '../../infra/stacks/edge-stack';
import { CONSOLE_ROUTES, STRIP_API_PREFIX } from '../../infra/stacks/stateless/edge-functions';
import { allRoutes } from '../../shared/http/route-specs';
import {
  type CfnResource,
  projectFunctions,
  resourcesOfType,
  SYNTH_TIMEOUT_MS,
  type SynthesizedStage,
  synthStage,
} from './support';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';
const FULL: ContextOverrides = {
  account: '123456789012',
  region: 'eu-west-1',
  waf: 'true',
  siteDomain: 'stadsgesprekken.example.org',
  siteCertificateArn: CERT,
};

type Viewer = (event: { request: { uri: string } }) => { uri?: string };
/** Runs a CloudFront Function's source the way the cloudfront-js runtime does: a global `handler`. */
const viewerFunction = (code: string): Viewer => new Function(`${code}\nreturn handler;`)() as Viewer;

const single = (resources: Record<string, CfnResource>): CfnResource => {
  const all = Object.values(resources);
  expect(all).toHaveLength(1);
  return all[0] as CfnResource;
};

const envOf = (synth: SynthesizedStage, idPrefix: string): Record<string, unknown> => {
  const entry = Object.entries(resourcesOfType(synth.stateless, 'AWS::Lambda::Function')).find(([id]) =>
    id.startsWith(idPrefix),
  );
  if (!entry) throw new Error(`no function ${idPrefix}`);
  return (entry[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
};

describe('site hosting, dev defaults', () => {
  let synth: SynthesizedStage;
  let distribution: Record<string, unknown>;
  beforeAll(() => {
    synth = synthStage('dev', { bundle: false });
    distribution = single(resourcesOfType(synth.stateless, 'AWS::CloudFront::Distribution')).Properties
      .DistributionConfig as Record<string, unknown>;
  }, SYNTH_TIMEOUT_MS);

  it('keeps the site bucket private: public access blocked, TLS only, encrypted, versioned', () => {
    const bucket = single(resourcesOfType(synth.stateless, 'AWS::S3::Bucket'));
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    const policy = single(resourcesOfType(synth.stateless, 'AWS::S3::BucketPolicy'));
    const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    // Reads only by this distribution, through origin access control.
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    );
  });

  it('reaches the bucket through origin access control, signing every request', () => {
    synth.stateless.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    const origins = distribution.Origins as { S3OriginConfig?: unknown; OriginAccessControlId?: unknown }[];
    const s3 = origins.filter((o) => o.S3OriginConfig);
    expect(s3).toHaveLength(1);
    expect(s3[0]?.OriginAccessControlId).toBeDefined();
    expect(distribution.DefaultRootObject).toBe('index.html');
  });

  it('serves the API under /api/* without caching, forwarding all but the Host header, prefix removed', () => {
    const behaviours = distribution.CacheBehaviors as Record<string, unknown>[];
    const api = behaviours.find((b) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS', 'PUT']),
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: expect.anything() }],
    });
    const apiOrigin = (distribution.Origins as { CustomOriginConfig?: unknown; DomainName: unknown }[]).find(
      (o) => o.CustomOriginConfig,
    );
    expect(JSON.stringify(apiOrigin?.DomainName)).toMatch(/HttpApi.*execute-api/);
    expect(apiOrigin?.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
  });

  it('strips /api at the edge and sends the console its index.html for its own paths', () => {
    const strip = viewerFunction(STRIP_API_PREFIX);
    expect(strip({ request: { uri: '/api/sessions/abc/registrations' } }).uri).toBe('/sessions/abc/registrations');
    expect(strip({ request: { uri: '/api' } }).uri).toBe('/');
    expect(strip({ request: { uri: '/apiary' } }).uri).toBe('/apiary');
    const console = viewerFunction(CONSOLE_ROUTES);
    expect(console({ request: { uri: '/console/callback' } }).uri).toBe('/console/index.html');
    expect(console({ request: { uri: '/console/' } }).uri).toBe('/console/index.html');
    expect(console({ request: { uri: '/console/assets/app-1a2b3c.js' } }).uri).toBe('/console/assets/app-1a2b3c.js');
    synth.stateless.resourcePropertiesCountIs(
      'AWS::CloudFront::Function',
      { FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }) },
      2,
    );
  });

  it('sends security headers: CSP without unsafe-inline, HSTS, nosniff, no framing, no referrer', () => {
    const policies = Object.values(resourcesOfType(synth.stateless, 'AWS::CloudFront::ResponseHeadersPolicy')).map(
      (p) =>
        p.Properties.ResponseHeadersPolicyConfig as { Comment: string; SecurityHeadersConfig: Record<string, unknown> },
    );
    expect(policies).toHaveLength(4);
    for (const p of policies) {
      expect(p.SecurityHeadersConfig).toMatchObject({
        StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, Override: true },
        ContentTypeOptions: { Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
      });
    }
    const withCsp = policies.filter((p) => p.SecurityHeadersConfig.ContentSecurityPolicy);
    expect(withCsp).toHaveLength(2); // the pages and the console
    for (const p of withCsp) {
      const csp = JSON.stringify(
        (p.SecurityHeadersConfig.ContentSecurityPolicy as { ContentSecurityPolicy: unknown }).ContentSecurityPolicy,
      );
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(p.SecurityHeadersConfig.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    }
    const consoleCsp = JSON.stringify(withCsp.find((p) => p.Comment.includes('console'))?.SecurityHeadersConfig);
    expect(consoleCsp).toContain('cognito-idp.');
    expect(consoleCsp).toMatch(/OrganiserDomain|amazoncognito/);
  });

  it('uploads the built pages with cdk deploy: no-cache HTML and config.js, immutable hashed assets, short-cached embed files', () => {
    const deployments = Object.values(resourcesOfType(synth.stateless, 'Custom::CDKBucketDeployment')).map(
      (d) => d.Properties,
    );
    expect(deployments).toHaveLength(3);
    const byCache = Object.fromEntries(
      deployments.map((d) => [(d.SystemMetadata as { 'cache-control': string })['cache-control'], d]),
    );
    expect(byCache['no-cache']).toMatchObject({
      Include: ['*.html', 'config.js', 'console/config.js'],
      Exclude: ['*'],
      Prune: true,
    });
    expect(byCache['public, max-age=31536000, immutable']).toMatchObject({
      Include: ['console/assets/*'],
      Prune: true,
    });
    expect(byCache['public, max-age=300, must-revalidate']).toMatchObject({
      Exclude: ['*.html', 'config.js', 'console/config.js', 'console/assets/*'],
      Prune: true,
    });
    for (const d of deployments) expect(d.DistributionPaths).toEqual(['/*']);
    // One asset, the web build staged at synthesis, shared by all three; the pages add the console's config.
    const [build] = (byCache['public, max-age=300, must-revalidate']?.SourceObjectKeys ?? []) as unknown[];
    for (const d of deployments) expect((d.SourceObjectKeys as unknown[])[0]).toEqual(build);
    expect(byCache['no-cache']?.SourceObjectKeys).toHaveLength(2);
    expect(byCache['public, max-age=31536000, immutable']?.SourceObjectKeys).toHaveLength(1);
  });

  it("writes the console's config.js from the stack: the pool's issuer, its client, the managed-login domain, the API", () => {
    const pages = Object.values(resourcesOfType(synth.stateless, 'Custom::CDKBucketDeployment'))
      .map((d) => d.Properties)
      .find((d) => (d.SystemMetadata as { 'cache-control': string })['cache-control'] === 'no-cache');
    if (!pages) throw new Error('no deployment of the pages');
    // The file as staged, with the markers the upload replaces by the deployed values.
    const key = String((pages.SourceObjectKeys as unknown[])[1]).replace(/\.zip$/, '');
    const script = readFileSync(join(synth.outdir, `asset.${key}`, 'console', 'config.js'), 'utf8');
    const config = JSON.parse(script.replace(/^window\.consoleConfig = /, '').replace(/;\s*$/, '')) as Record<
      string,
      string
    >;
    const markers = (pages.SourceMarkers as Array<Record<string, unknown>>)[1] ?? {};
    const resolved = (s: string) => s.replace(/<<marker:0xbaba:\d+>>/g, (m) => JSON.stringify(markers[m]));
    expect(resolved(config.issuer ?? '')).toBe('https://{"Fn::GetAtt":["OrganiserPool62AF9A71","ProviderURL"]}');
    expect(resolved(config.clientId ?? '')).toBe('{"Ref":"OrganiserPoolOrganiserClientCB11920F"}');
    expect(resolved(config.signInUrl ?? '')).toMatch(
      /^https:\/\/\{"Ref":"OrganiserPoolOrganiserDomain\w+"\}\.auth\.\{"Ref":"AWS::Region"\}\.amazoncognito\.com$/,
    );
    expect(config.api).toBe('/api');
    // The console's page may talk to both the pool (the issuer's origin) and the domain; the API is its own origin.
    const policies = Object.values(resourcesOfType(synth.stateless, 'AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = JSON.stringify(
      policies.find((p) => JSON.stringify(p.Properties).includes('Organiser console'))?.Properties,
    );
    expect(csp).toContain("connect-src 'self' https://cognito-idp.");
    expect(csp).toMatch(/OrganiserDomain\w+"\},".auth."|amazoncognito/);
  });

  it('points the links of mails and answers at the hosted pages and the API on the same origin', () => {
    const onSite = (value: unknown) => JSON.stringify(value);
    for (const fn of ['PublicApi', 'Mailer', 'AdminApi', 'Dispatcher']) {
      expect(onSite(envOf(synth, fn).PUBLIC_BASE_URL), fn).toMatch(
        /"https:\/\/",\{"Fn::GetAtt":\["SiteDistribution\w+","DomainName"\]\}/,
      );
    }
    expect(onSite(envOf(synth, 'Mailer').PUBLIC_API_URL)).toMatch(/SiteDistribution\w+","DomainName"\]\},"\/api"/);
  });

  it('signs organisers in through managed login with a public code + PKCE client, MFA required', () => {
    synth.stateless.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['stadsgesprekken-dev-', { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 2,
    });
    synth.stateless.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UseCognitoProvidedValues: true });
    const client = single(resourcesOfType(synth.stateless, 'AWS::Cognito::UserPoolClient'));
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const callbacks = JSON.stringify(client.Properties.CallbackURLs);
    expect(callbacks).toContain('"/console/callback"');
    expect(client.Properties.CallbackURLs).toContain('http://127.0.0.1/callback');
    expect(JSON.stringify(client.Properties.LogoutURLs)).toContain('"/console/"');
    synth.stateless.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    // The pool and its client keep their logical ids: a new id would replace them, and the accounts with them.
    expect(Object.keys(resourcesOfType(synth.stateless, 'AWS::Cognito::UserPool'))).toEqual(['OrganiserPool62AF9A71']);
    expect(Object.keys(resourcesOfType(synth.stateless, 'AWS::Cognito::UserPoolClient'))).toEqual([
      'OrganiserPoolOrganiserClientCB11920F',
    ]);
  });

  it('outputs what the console and the CLI need', () => {
    for (const name of [
      'SiteUrl',
      'ConsoleUrl',
      'SiteApiUrl',
      'DistributionDomainName',
      'UserPoolIssuer',
      'SignInUrl',
      'UserPoolClientId',
    ]) {
      synth.stateless.hasOutput(name, {});
    }
  });

  it("adds no function but CDK's own helpers for the upload and for emptying the bucket", () => {
    const all = Object.keys(resourcesOfType(synth.stateless, 'AWS::Lambda::Function'));
    const ours = new Set(Object.keys(projectFunctions(synth)));
    expect(ours.size).toBe(9);
    expect(all.filter((id) => !ours.has(id)).map((id) => id.replace(/[0-9A-F]{8,}.*$/, ''))).toEqual(
      expect.arrayContaining(['CustomS3AutoDeleteObjectsCustomResourceProviderHandler', 'CustomCDKBucketDeployment']),
    );
    expect(all).toHaveLength(ours.size + 2);
  });

  it('has no WAF and no edge stack unless configured', () => {
    expect(synth.stacks.edge).toBeUndefined();
    expect(distribution.WebACLId).toBeUndefined();
  });
});

describe('site hosting with WAF and a custom domain', () => {
  let synth: SynthesizedStage;
  beforeAll(() => {
    synth = synthStage('dev', { bundle: false, overrides: FULL });
  }, SYNTH_TIMEOUT_MS);

  it('serves the custom domain with its us-east-1 certificate, SNI and TLS 1.2', () => {
    synth.stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['stadsgesprekken.example.org'],
        ViewerCertificate: {
          AcmCertificateArn: CERT,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
    expect(JSON.stringify(envOf(synth, 'Mailer').PUBLIC_BASE_URL)).toBe('"https://stadsgesprekken.example.org"');
  });

  it('puts a CloudFront web ACL in us-east-1 with a per-IP rate rule on exactly the public write routes', () => {
    const edge = synth.stacks.edge;
    if (!edge) throw new Error('no edge stack');
    expect(edge.region).toBe('us-east-1');
    const template = synth.assembly.getStackByName(edge.stackName).template as {
      Resources: Record<string, CfnResource>;
    };
    const acl = Object.values(template.Resources).find((r) => r.Type === 'AWS::WAFv2::WebACL');
    expect(acl?.Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    if (!acl) throw new Error('no web ACL');
    const [rule] = acl.Properties.Rules as {
      Action: unknown;
      Statement: { RateBasedStatement: Record<string, unknown> };
    }[];
    expect(rule?.Action).toEqual({ Block: { CustomResponse: { ResponseCode: 429 } } });
    expect(rule?.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: 'IP',
      EvaluationWindowSec: 300,
      Limit: synth.config.hosting.wafRateLimitPer5Minutes,
    });
    const scope = JSON.stringify(rule?.Statement.RateBasedStatement.ScopeDownStatement);
    const writes = publicWriteRoutes(allRoutes());
    expect(writes.length).toBeGreaterThan(0);
    for (const route of writes) expect(scope).toContain(JSON.stringify(sitePathPattern(route.path)));
    for (const route of allRoutes().filter((r) => !writes.includes(r) && r.auth === 'organiser')) {
      expect(scope).not.toContain(JSON.stringify(sitePathPattern(route.path)));
    }
    // The distribution reads the ACL's ARN through the cross-region reference.
    expect(JSON.stringify(synth.stateless.toJSON())).toMatch(/"WebACLId":\{"Fn::GetAtt":\["ExportsReader/);
  });

  it('matches the viewer paths of the public write routes and nothing else', () => {
    const pattern = new RegExp(sitePathPattern('/sessions/{sessionId}/registrations'));
    expect(pattern.test('/api/sessions/kennis-2027-05/registrations')).toBe(true);
    expect(pattern.test('/api/sessions/a/b/registrations')).toBe(false);
    expect(pattern.test('/sessions/a/registrations')).toBe(false);
  });
});

describe('hosting configuration', () => {
  it.each<[ContextOverrides & { stage?: string }, RegExp]>([
    [{ waf: 'true' }, /hosting\.waf: needs account and region/],
    [
      {
        siteDomain: 'stadsgesprekken.example.org',
        siteCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
      },
      /certificateArn: must be the ARN of an ACM certificate in us-east-1/,
    ],
    [{ siteDomain: 'stadsgesprekken.example.org' }, /hosting\.customDomain\.certificateArn/],
    [{ signInDomainPrefix: 'my-cognito-login' }, /signIn\.domainPrefix: must not contain/],
  ])('refuses %o naming the field', (overrides, message) => {
    expect(() => resolveStageConfig('dev', overrides)).toThrow(StageConfigError);
    expect(() => resolveStageConfig('dev', overrides)).toThrow(message);
  });

  it('links to the hosted pages unless publicBaseUrl is given', () => {
    const alarmEmail = 'ops@example.org';
    expect(resolveStageConfig('prod', { alarmEmail }).publicBaseUrl).toBeUndefined();
    expect(resolveStageConfig('prod', { alarmEmail, publicBaseUrl: 'https://www.example.org' }).publicBaseUrl).toBe(
      'https://www.example.org',
    );
    expect(resolveStageConfig('dev', { waf: 'false' }).hosting.waf).toBe(false);
  });
});
