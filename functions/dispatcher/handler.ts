/**
 * PLACEHOLDER, written on the infra branch only so that `cdk synth` and the infra tests have an
 * entry point to bundle. The real dispatcher handler is written on main and replaces this file; until
 * then every invocation fails loudly instead of pretending to work.
 */
export const handler = async (): Promise<never> => {
  throw new Error('dispatcher: placeholder handler, the real one has not been merged yet');
};
