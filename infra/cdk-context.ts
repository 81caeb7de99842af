/**
 * Context the app always runs with (the CLI adds cdk.json's context on top). Cross-stack references
 * are kept strong explicitly: the stateless stack imports the tables and the bus, and CloudFormation
 * must refuse to delete them while it does.
 */
export const projectContext: Record<string, unknown> = {
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
};
