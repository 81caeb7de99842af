/**
 * The architecture of Stadsgesprekken, as rules that `npm run lint` checks (dependency-cruiser).
 *
 *   web/ ····(types only)····> shared/domain
 *
 *   functions/<name>   the composition root of one Lambda: reads its configuration, builds the
 *        │             adapters and hands them to the use cases as ports
 *        ├─> shared/http, shared/events   primary adapters: middy chains, routes, event envelopes
 *        ├─> shared/usecases ─> shared/ports ─> shared/domain
 *        │         └─> shared/events, shared/reliability
 *        └─> shared/adapters ─> shared/ports, shared/domain, shared/reliability
 *
 *   infra/   the CDK app: reads configuration, route lists, table specs and routing rules as data
 *   local/   the local stack: composes the same functions with local stand-ins
 *   test/    may import anything; nothing imports it
 *
 * Each rule below says why it holds. A dependency a rule forbids is a design change: change the rule
 * in the same commit, with its reason, rather than adding an exception next to the import.
 */

/** What the browser bundle may know of the server: the contract's types, which leave no code behind. */
const CONTRACT_TYPES_FOR_WEB = '^shared/domain/';

/** What the CDK app reads as data from the library; everything else it knows only as a bundle entry. */
const INFRA_READS = [
  '^shared/config/', // environment variable names, defined once for the construct and the config readers
  '^shared/http/(route-specs|routes?)([./]|$)', // the route lists: API Gateway routes, auth, throttling
  '^shared/http/openapi\\.ts$', // the OpenAPI generator, which infra/openapi-document.ts runs at build time
  '^shared/adapters/dynamodb/table-specs', // keys, indexes, streams and TTL of each table
  '^shared/events/routing', // the bus rules, read by the stack and by the local bus alike
  '^web/build\\.ts$', // the page build: synthesis builds the pages that `cdk deploy` uploads to the site bucket
];

/** Modules every layer may use: logging writes to stdout only and is not worth a port. */
const CROSS_CUTTING = '^shared/log(\\.ts$|/)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'A cycle makes two modules one: neither can be read, tested or moved alone, and ESM evaluation ' +
        'order then decides whether a value is defined. Type-only imports count too: the reader still has ' +
        'to hold both files at once. Break it by moving the shared part down a layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'shared/domain holds the rules (capacity, time, calendar, email content, synthesis): plain functions ' +
        'and schemas, tested without I/O. It must not reach out to the layers that do I/O or wire things up.',
      from: { path: '^shared/domain/' },
      to: { path: '^shared/(adapters|usecases|http|events|ports|config|reliability)/' },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      comment:
        'The same purity seen from npm: no AWS SDK, no Lambda powertools, no file or network access in the rules.',
      from: { path: '^shared/domain/' },
      to: {
        dependencyTypesNot: ['type-only'],
        path: [
          '(^|/)node_modules/(@aws-sdk|@aws-lambda-powertools|@middy)/',
          '^(node:)?(fs|net|http|https|child_process)(/|$)',
        ],
      },
    },
    {
      name: 'usecases-see-only-ports',
      severity: 'error',
      comment:
        'A use case takes its repository, mail sender, event publisher, scheduler and clock as ports ' +
        '(interfaces in shared/ports), so a test passes fakes and the local stack passes stand-ins. ' +
        'Importing an adapter, the HTTP layer or the configuration ties it to one implementation.',
      from: { path: '^shared/usecases/' },
      to: {
        path: '^shared/',
        pathNot: ['^shared/(usecases|ports|domain|events|reliability)/', CROSS_CUTTING],
      },
    },
    {
      name: 'usecases-call-no-sdk',
      severity: 'error',
      comment: 'An AWS SDK client in a use case is an adapter in disguise: put it behind a port.',
      from: { path: '^shared/usecases/' },
      to: { path: '(^|/)node_modules/(@aws-sdk|@smithy)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ports-are-interfaces',
      severity: 'error',
      comment:
        'A port describes what a use case needs in domain terms; it knows no implementation, or the ' +
        'inversion is lost.',
      from: { path: '^shared/ports/' },
      to: { path: '^shared/', pathNot: ['^shared/(ports|domain|events)/'] },
    },
    {
      name: 'adapters-implement-ports',
      severity: 'error',
      comment:
        'An adapter (DynamoDB, SES, EventBridge, Scheduler, SQS) implements a port over domain types; ' +
        'it takes its configuration as arguments from the composition root and calls no use case.',
      from: { path: '^shared/adapters/' },
      to: {
        path: '^shared/',
        pathNot: ['^shared/(adapters|ports|domain|reliability)/', CROSS_CUTTING],
      },
    },
    {
      name: 'functions-are-independent',
      severity: 'error',
      comment:
        'Each Lambda is bundled and deployed alone; one function importing another drags its handler, ' +
        'configuration checks and clients into the wrong bundle. Share through shared/ instead.',
      from: { path: '^functions/([^/]+)/' },
      to: { path: '^functions/', pathNot: '^functions/$1/' },
    },
    {
      name: 'deployed-code-stays-deployable',
      severity: 'error',
      comment:
        'shared/ and functions/ are what Lambda runs. The CDK app, the local stand-ins, the benchmarks and ' +
        'the browser pages are not in those bundles, so deployed code must not import them.',
      from: { path: '^(shared|functions)/' },
      to: { path: '^(infra|local|bench|web)/' },
    },
    {
      name: 'shared-knows-no-function',
      severity: 'error',
      comment: 'The library serves every function; a function-specific module belongs in that function folder.',
      from: { path: '^shared/' },
      to: { path: '^functions/' },
    },
    {
      name: 'web-runs-no-server-code',
      severity: 'error',
      comment:
        "The pages run in the browser of anyone on the organiser's site: no server module may enter that " +
        'bundle. They share the contract with the API as types only.',
      from: { path: '^web/' },
      to: { path: '^(functions|infra|local|bench)/' },
    },
    {
      name: 'web-shares-only-contract-types',
      severity: 'error',
      comment:
        'Types vanish at bundling, so the pages and the API agree on the contract without shipping ' +
        'server code. A value import from shared/ would put it in the browser bundle.',
      from: { path: '^web/' },
      to: { path: '^shared/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-types-come-from-the-contract',
      severity: 'error',
      comment: 'Of the server, the pages know only the contract: the request and view schemas of the domain.',
      from: { path: '^web/' },
      to: { path: '^shared/', pathNot: CONTRACT_TYPES_FOR_WEB },
    },
    {
      name: 'infra-reads-only-data',
      severity: 'error',
      comment:
        'The CDK app derives routes, tables, rules and environment names from the same data the code ' +
        'uses, so they cannot drift. Anything else of the library (adapters, use cases, handlers) would run ' +
        'at synth time and tie the templates to code that is only meant to be bundled.',
      from: { path: '^infra/', pathNot: '^infra/cli/' },
      to: { path: '^(shared|functions|local|web)/', pathNot: INFRA_READS },
    },
    {
      name: 'cli-is-an-api-client',
      severity: 'error',
      comment:
        'The programme CLI talks to a deployed or local stack over HTTP only. It may check a programme ' +
        'file with the same schemas the API uses before sending it, and drive the local sign-in emulator ' +
        "with its test organiser (headless mode); it never runs the stack's code itself.",
      from: { path: '^infra/cli/' },
      to: {
        path: '^(shared|functions|local|web)/',
        pathNot: ['^shared/domain/', '^local/oauth/(users|totp)\\.ts$'],
      },
    },
    {
      name: 'only-tests-import-tests',
      severity: 'error',
      comment:
        'Builders, fakes and fixtures are for tests. Code outside test/ that imports them ships test ' +
        'doubles or makes the local stack depend on the suite. local/ may import anything else.',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'deployed-code-uses-declared-dependencies',
      severity: 'error',
      comment:
        'What Lambda runs must come from "dependencies" in package.json: a devDependency or a package that ' +
        'is only there because something else needs it can vanish at the next install.',
      from: { path: '^(shared|functions)/' },
      to: { dependencyTypes: ['npm-dev', 'npm-no-pkg', 'npm-unknown'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'imports-resolve',
      severity: 'error',
      comment: 'An import dependency-cruiser cannot resolve is one it cannot check.',
      from: {},
      to: { couldNotResolve: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(cdk\\.out|dist|\\.local|test-results)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports are part of the architecture too (web/ depends on the contract through them).
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

// dependency-cruiser reads TypeScript through the compiler API (TypeScript < 7) or @swc/core. Without
// either it skips every .ts file and reports no violation at all, so refuse to run instead.
(function requireATypeScriptParser() {
  const { createRequire } = require('node:module');
  const fs = require('node:fs');
  const path = require('node:path');
  const running = process.argv[1] ? fs.realpathSync(process.argv[1]) : '';
  const at = running.lastIndexOf(`${path.sep}dependency-cruiser${path.sep}`);
  if (at < 0) return; // loaded by something else than the depcruise CLI
  const fromCruiser = createRequire(path.join(running.slice(0, at), 'dependency-cruiser', 'package.json'));
  const version = (name) => {
    try {
      return fromCruiser(`${name}/package.json`).version;
    } catch {
      return undefined;
    }
  };
  const ts = version('typescript');
  if ((ts && Number(ts.split('.')[0]) < 7) || version('@swc/core')) return;
  throw new Error(
    `dependency-cruiser cannot parse TypeScript here (typescript ${ts ?? 'missing'}, no @swc/core): ` +
      'it would check no file. Install a parser it supports (see docs/testing.md, "Architecture rules").',
  );
})();
