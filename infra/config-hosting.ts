import * as z from 'zod';

/**
 * The parts of the stage configuration that say where the stack answers on the web: the hosted
 * pages (CloudFront), the optional WAF in front of them, and the organisers' managed login.
 */

export const hostname = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
  message: 'must be a lowercase DNS name such as mail.example.org',
});

/** CloudFront and Cognito take certificates for custom domains from us-east-1 only. */
const usEast1Certificate = z.string().regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/, {
  message: 'must be the ARN of an ACM certificate in us-east-1 (CloudFront and Cognito use only those)',
});

const customDomain = z.object({ domainName: hostname, certificateArn: usEast1Certificate });

/** Cognito's rule for a domain prefix: lowercase letters, digits and hyphens, and none of its reserved words. */
const cognitoDomainPrefix = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, { message: 'must be lowercase letters, digits and hyphens' })
  .refine((prefix) => !/aws|amazon|cognito/.test(prefix), {
    message: 'must not contain "aws", "amazon" or "cognito" (Cognito refuses them)',
  });

export const HostingConfigSchema = z.object({
  /** The pages and the API under /api on this name instead of the distribution's *.cloudfront.net name. */
  customDomain: customDomain.optional(),
  /**
   * A CloudFront web ACL with a per-IP rate-based rule on the public write routes. It lives in a
   * us-east-1 stack of its own, so it needs an account and region at synthesis.
   */
  waf: z.boolean().default(false),
  /** Requests per IP in five minutes on the public write routes before WAF blocks that IP (WAF's minimum is 10). */
  wafRateLimitPer5Minutes: z.number().int().min(10).max(2_000_000_000).default(100),
});

export const SignInConfigSchema = z.object({
  /**
   * Managed login on `https://<prefix>.auth.<region>.amazoncognito.com`. The prefix is unique per
   * region across all AWS accounts. @default stadsgesprekken-<stage>-<account id>
   */
  domainPrefix: cognitoDomainPrefix.optional(),
  /** Managed login on your own name instead (a CNAME to the CloudFront name Cognito gives it). */
  customDomain: customDomain.optional(),
  /**
   * Also registers `http://127.0.0.1:<port>/callback`, for a pool that does not apply RFC 8252's
   * any-port rule to the loopback redirect (run the CLI with `--callback-port <port>`).
   */
  cliCallbackPort: z.number().int().min(1024).max(65535).optional(),
});

export type HostingConfig = z.infer<typeof HostingConfigSchema>;
export type SignInConfig = z.infer<typeof SignInConfigSchema>;
