import type { StageConfig } from './config';

/**
 * Every finding of AWS's Control Tower cfn-guard rules (npm @cdklabs/cdk-validator-cfnguard) the
 * project accepts, with the reason. The rules have no per-resource suppression, so the test
 * (test/infra/guard.test.ts) matches each violation against this list by rule and construct path:
 * a finding elsewhere, or of another rule, fails; so does an exception that no longer matches.
 */
export interface GuardException {
  /** The cfn-guard rule name. */
  rule: string;
  /** The Control Tower control, for readers. */
  control: string;
  /** Construct paths inside the stack (`SiteBucket/Resource`) the exception covers. */
  resources: RegExp;
  /** Only for stages where this holds (the finding depends on the configuration). */
  when?: (config: StageConfig) => boolean;
  reason: string;
}

const FUNCTION_LOG_GROUPS = /^(\w+\/Logs\/Resource|ApiAccessLogs\/Resource)$/;

export const guardExceptions: GuardException[] = [
  {
    rule: 'api_gw_v2_authorization_type_configured_check',
    control: 'CT.APIGATEWAY.PR.5',
    resources: /^HttpApi\/(GET|POST|DELETE)--[^/]+\/Resource$/,
    reason:
      'The public routes of the registration form (API.md) have no authorizer by design: anyone may read the ' +
      'programme and register; a registration is then held by its unguessable manage token. The organiser routes ' +
      'all have the JWT authorizer (an infra test checks both).',
  },
  {
    rule: 'lambda_function_public_access_prohibited_check',
    control: 'CT.LAMBDA.PR.2',
    resources: /^HttpApi\/[^/]+\/(PublicApi|PublicDocuments|AdminApi)Integration-Permission$/,
    when: (config) => config.account === undefined,
    reason:
      "Only API Gateway may invoke, for this API alone: SourceArn is the API's execute-api ARN and SourceAccount " +
      'the stack account, both CloudFormation expressions in an environment-agnostic template, which the rule ' +
      'does not resolve. Synthesised with -c account=… the account is a literal and the rule passes.',
  },
  {
    rule: 'dynamodb_table_encrypted_kms_check',
    control: 'CT.DYNAMODB.PR.2',
    resources: /^(Sessions|Registrations)Table\/Resource$/,
    reason:
      'The tables are encrypted at rest with the AWS owned key. A customer managed KMS key adds a key policy to ' +
      'keep right, a monthly fee and a KMS call per request, and protects against nobody the IAM policies do not ' +
      'already keep out (only the functions named in the stack may read the tables).',
  },
  {
    rule: 'cloudwatch_log_group_encrypted_check',
    control: 'CT.CLOUDWATCH.PR.3',
    resources: FUNCTION_LOG_GROUPS,
    reason:
      'CloudWatch Logs encrypts every log group at rest with its own keys. The logs hold no personal data beyond ' +
      'IP addresses in the API access log (a test checks that no email or name is logged).',
  },
  {
    rule: 'cloudwatch_log_group_retention_period_check',
    control: 'CT.CLOUDWATCH.PR.2',
    resources: FUNCTION_LOG_GROUPS,
    reason:
      'Logs are kept as briefly as their use allows (a week in dev, six months in prod), not the year the rule ' +
      'asks: they hold IP addresses, and the AVG asks to keep personal data no longer than needed.',
  },
  {
    rule: 'lambda_inside_vpc_check',
    control: 'CT.LAMBDA.PR.3',
    resources: /./,
    reason:
      'The functions (and the helper functions CDK adds for uploads, bucket emptying and cross-region exports) ' +
      'talk only to AWS APIs over TLS and reach no private network. A VPC would need NAT gateways or interface ' +
      'endpoints (tens of dollars a month, more than the whole stack) for no isolation gained.',
  },
  {
    rule: 'sqs_dlq_check',
    control: 'CT.SQS.PR.1',
    resources: /^\w+Dlq\/Resource$/,
    reason:
      'These queues are the dead-letter queues; each has an alarm. A dead-letter queue of a dead-letter queue ' +
      'would only move the same messages one step further.',
  },
  {
    rule: 'cloudfront_access_logs_enabled_check',
    control: 'CT.CLOUDFRONT.PR.5',
    resources: /^SiteDistribution\/Resource$/,
    reason:
      "CloudFront access logs record the full query string, and every mail's links carry the registrant's manage " +
      'or feedback token (manage.html?token=…), a credential for their registration: logging would copy every ' +
      'token into a log bucket. The API access log records route keys, never the path with its token.',
  },
  {
    rule: 'cloudfront_origin_failover_enabled_check',
    control: 'CT.CLOUDFRONT.PR.4',
    resources: /^SiteDistribution\/Resource$/,
    reason:
      'Each path has one origin: the site bucket and the HTTP API live in one region with the tables, so a ' +
      'failover origin in another region would serve pages whose API is down with them.',
  },
  ...[
    'cloudfront_custom_ssl_certificate_check',
    'cloudfront_sni_enabled_check',
    'cloudfront_security_policy_check',
  ].map(
    (rule, i): GuardException => ({
      rule,
      control: ['CT.CLOUDFRONT.PR.6', 'CT.CLOUDFRONT.PR.7', 'CT.CLOUDFRONT.PR.9'][i] ?? '',
      resources: /^SiteDistribution\/Resource$/,
      when: (config) => config.hosting.customDomain === undefined,
      reason:
        "Without a custom domain the site answers on its *.cloudfront.net name with CloudFront's default " +
        'certificate, whose TLS settings cannot be chosen. Configure hosting.customDomain (a us-east-1 ACM ' +
        'certificate) and the distribution uses it with SNI and TLSv1.2_2021: the finding goes away.',
    }),
  ),
  {
    rule: 's3_bucket_logging_enabled_check',
    control: 'CT.S3.PR.2',
    resources: /^SiteBucket\/Resource$/,
    reason:
      'The bucket is read only by CloudFront through origin access control (its access log would list edge ' +
      'servers, not visitors) and written only by the deployment, which CloudFormation records.',
  },
  {
    rule: 's3_bucket_default_encryption_kms_check',
    control: 'CT.S3.PR.10',
    resources: /^SiteBucket\/Resource$/,
    reason:
      'The bucket holds the public pages, which anyone may read through CloudFront; SSE-S3 encrypts them at ' +
      'rest, and a KMS key would only add a key policy CloudFront must be let into.',
  },
  {
    rule: 's3_event_notifications_enabled_check',
    control: 'CT.S3.PR.4',
    resources: /^SiteBucket\/Resource$/,
    reason: 'Nothing reacts to changes of the built pages; each deployment replaces them and invalidates the cache.',
  },
  {
    rule: 's3_bucket_object_lock_enabled_check',
    control: 'CT.S3.PR.9',
    resources: /^SiteBucket\/Resource$/,
    reason:
      'Every deployment overwrites and prunes the pages, which object lock would forbid; versioning keeps the ' +
      'previous build for 30 days instead.',
  },
];
