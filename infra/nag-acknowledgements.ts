import { type CfnElement, type Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { StatefulStack } from './stacks/stateful-stack';
import type { StatelessStack } from './stacks/stateless-stack';

/**
 * Every cdk-nag (AwsSolutions) finding the project accepts, each on the narrowest construct and
 * with the reason it is accepted. cdk-nag 3 matches acknowledgements by exact finding id, so a new
 * finding of the same rule elsewhere still fails the checks.
 */
const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

/** How cdk-nag writes the stack's region and account in a finding: the value, or the pseudo parameter. */
const regionOf = (stack: Stack) => (Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region);
const accountOf = (stack: Stack) => (Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account);

export const acknowledgeNagFindings = ({
  stateful,
  stateless,
}: {
  stateful: StatefulStack;
  stateless: StatelessStack;
}): void => {
  ack(
    stateful.manageTokenSecret,
    'AwsSolutions-SMG4',
    'The key derives the manage tokens in links already sent to registrants; rotating it would silently break ' +
      'every such link, so it is deliberately not rotated. Only the public API and mailer roles may call ' +
      'GetSecretValue on it (at cold start); the value is in no function configuration and no template.',
  );

  ack(
    stateless.apiOriginSecret,
    'AwsSolutions-SMG4',
    'CloudFront sends this value in x-origin-verify to the HTTP API, which refuses requests without it. A ' +
      'rotation would need the distribution updated in step (minutes of 403s), so it changes by redeploying the ' +
      'secret resource instead; only the two API roles may read it.',
  );

  // On the tracing policy alone: a wildcard statement anywhere else in a role still fails synthesis.
  for (const f of Object.values(stateless.functions)) {
    ack(
      f.tracingPolicy,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) supports no resource-level permissions; ' +
        'AWS requires "*" for these two actions, and this policy holds nothing else.',
    );
  }

  const planner = stateless.functions.planner.fn.role;
  if (!planner) throw new Error('planner has no role');
  const region = regionOf(stateless);
  const account = accountOf(stateless);
  ack(
    planner,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${region}:${account}:schedule/${stateless.scheduleGroup.scheduleGroupName}/*]`,
    'The planner creates one schedule per session and reminder under names it derives at run time; the permission ' +
      "is limited to the project's own schedule group.",
  );

  const { stream, delivery, asyncInvoke, schedule } = stateless.deadLetterQueues;
  const dlqRoles: [IConstruct, string][] = [
    [stream, 'on-failure destination of the DynamoDB stream event sources'],
    [delivery, 'dead-letter queue of the EventBridge rule targets'],
    [asyncInvoke, 'on-failure destination of the asynchronous planner and dispatcher invocations'],
    [schedule, 'dead-letter queue the planner sets on every EventBridge Scheduler target'],
  ];
  for (const [queue, role] of dlqRoles) {
    ack(
      queue,
      'AwsSolutions-SQS3',
      `This queue is itself a dead-letter queue (${role}); cdk-nag only recognises redrive-policy DLQs. It has an alarm.`,
    );
  }

  ack(
    stateless.userPool,
    'AwsSolutions-COG8',
    'The pool holds a handful of organiser accounts, created by an administrator (no self sign-up) and required to ' +
      'use TOTP MFA; the Plus feature plan (threat protection) costs more than this risk warrants.',
  );

  acknowledgeSiteFindings(stateless);

  for (const route of stateless.publicRoutes) {
    ack(
      route,
      'AwsSolutions-APIG4',
      'A public route of the registration form (API.md): anyone may read the programme and register. Registrations ' +
        'are held by their unguessable manage token; abuse is limited by stage and route throttling and the honeypot.',
    );
  }
};

/** The site: the bucket, the distribution and the upload function CDK provides for `cdk deploy`. */
const acknowledgeSiteFindings = (stateless: StatelessStack): void => {
  const { config } = stateless;
  ack(
    stateless.siteBucket,
    'AwsSolutions-S1',
    'The bucket holds only the built pages, which every deployment rewrites. It is read only by CloudFront through ' +
      'origin access control (so its access log would list edge servers, not visitors) and written only by the ' +
      'deployment, which CloudFormation records.',
  );
  ack(
    stateless.distribution,
    'AwsSolutions-CFR3',
    "CloudFront access logs record the full query string, and the links in every mail carry the registrant's " +
      'manage or feedback token (manage.html?token=…), a credential for their registration: logging would copy every ' +
      'token into a log bucket. The API access logs record the route key and the IP, never the path with its token.',
  );
  ack(
    stateless.distribution,
    'AwsSolutions-CFR1',
    'The programme is public and people register from wherever they are; nothing is licensed per country.',
  );
  if (!config.hosting.customDomain) {
    ack(
      stateless.distribution,
      'AwsSolutions-CFR4',
      'Without a custom domain the distribution answers on its *.cloudfront.net name, whose default certificate ' +
        'CloudFront serves with a fixed security policy that cannot be raised; with hosting.customDomain it is TLSv1.2_2021.',
    );
  }
  if (!config.hosting.waf) {
    ack(
      stateless.distribution,
      'AwsSolutions-CFR2',
      'WAF is optional (hosting.waf, about $6 a month): stage and route throttling and the honeypot are the default ' +
        'protection, the per-IP rate rule the step up (docs/abuse-protection.md).',
    );
  }

  // CDK's upload function of the BucketDeployments (one for all three).
  const uploader = stateless.siteContent.handlerRole.node.scope;
  if (!uploader) throw new Error('the site upload function has no scope');
  ack(
    uploader,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'The basic execution policy of the upload function CDK provides for BucketDeployment: CloudWatch Logs only.',
  );
  for (const finding of [
    'Action::s3:GetObject*',
    'Action::s3:GetBucket*',
    'Action::s3:List*',
    'Action::s3:DeleteObject*',
    'Action::s3:Abort*',
    `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${accountOf(stateless)}-${regionOf(stateless)}/*`,
    `Resource::<${stateless.getLogicalId(stateless.siteBucket.node.defaultChild as CfnElement)}.Arn>/*`,
    'Resource::*',
  ]) {
    ack(
      uploader,
      `AwsSolutions-IAM5[${finding}]`,
      'Granted by BucketDeployment itself: read the staged asset from the bootstrap bucket, sync it into the site ' +
        "bucket's objects (pruning old ones) and invalidate the distribution (CloudFront has no resource-level " +
        'permission for CreateInvalidation).',
    );
  }
  ack(
    uploader,
    'AwsSolutions-L1',
    'The runtime of the upload function is chosen by aws-cdk-lib (BucketDeployment) and moves with its upgrades; it ' +
      'runs only during a deployment.',
  );
};
