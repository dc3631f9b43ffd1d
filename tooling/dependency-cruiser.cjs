/**
 * Dependency rules checked in CI (`pnpm check:deps`):
 * - no import cycles inside any package;
 * - the one-way flow core <- server <- management <- web <- apps, and client <- core only;
 * - no package imports another package's src/ (import the package).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'no-undeclared-packages',
      comment: 'An import that does not resolve is a package missing from package.json.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'core-is-pure',
      comment: 'core holds protocol types and schemas only; it imports no other package of ours.',
      severity: 'error',
      from: { path: '^packages/core/' },
      to: { path: '^(packages/(server|web|management|client)|apps)/|node_modules/@artemis/(server|web|management|client|cli)' },
    },
    {
      name: 'client-depends-on-core-only',
      severity: 'error',
      from: { path: '^packages/client/' },
      to: { path: '^(packages/(server|web|management)|apps)/|node_modules/@artemis/(server|web|management|cli)' },
    },
    {
      name: 'client-sdk-ships-core-and-socket-io-only',
      comment: '@artemis/client is installed by users: its source imports @artemis/core, socket.io-client and node: builtins, nothing else.',
      severity: 'error',
      from: { path: '^packages/client/src/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'], pathNot: ['^packages/core/', 'node_modules/@artemis/core/', 'node_modules/socket\\.io-client/'] },
    },
    {
      name: 'server-has-no-http-or-upper-layers',
      severity: 'error',
      from: { path: '^packages/server/' },
      to: { path: '^(packages/(web|management|client)|apps)/|node_modules/(@artemis/(web|management|client|cli)|express|socket\\.io|ws)/' },
    },
    {
      name: 'management-below-web',
      severity: 'error',
      from: { path: '^packages/management/' },
      to: { path: '^(packages/(web|client)|apps)/|node_modules/@artemis/(web|client|cli)' },
    },
    {
      name: 'web-below-apps',
      severity: 'error',
      from: { path: '^packages/web/' },
      to: { path: '^apps/|node_modules/@artemis/cli' },
    },
    {
      name: 'console-depends-on-core-only',
      comment: 'The console runs in a browser: it talks to a node over HTTP and uses core for types and paths only.',
      severity: 'error',
      from: { path: '^apps/console/' },
      to: { path: '^(packages/(server|web|management)|apps/artemis)/|node_modules/@artemis/(server|web|management|cli)' },
    },
    {
      name: 'no-reaching-into-src',
      comment: 'Import another package by its name, never its files.',
      severity: 'error',
      from: { path: '^(packages|apps)/([^/]+)/' },
      to: { path: '^(packages|apps)/([^/]+)/src/', pathNot: '^(packages|apps)/$2/src/' },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)(node_modules|dist)/' },
    exclude: { path: '(^|/)coverage/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
