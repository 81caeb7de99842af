import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from './log';

/**
 * Counts as CloudWatch metrics in the embedded metric format (EMF): Powertools writes them to
 * stdout after each invocation and CloudWatch Logs turns them into metrics, so no PutMetricData
 * calls and no extra permissions. Only the Lambda composition roots create one; the local stack
 * and tests pass none, so nothing prints EMF lines where no one reads them.
 */
export const METRICS_NAMESPACE = 'Stadsgesprekken';

export const createMetrics = (functionName: string): Metrics =>
  new Metrics({ namespace: METRICS_NAMESPACE, serviceName: functionName, logger });

/** Adds `n` to a count metric, when the function has metrics. */
export const count = (metrics: Metrics | undefined, name: string, n = 1): void => {
  if (metrics && n > 0) metrics.addMetric(name, MetricUnit.Count, n);
};

export type { Metrics };
