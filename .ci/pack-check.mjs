#!/usr/bin/env node
// CI: every package installs as users get it. Packs each publishable package (pnpm pack turns
// workspace:* into versions), checks each tarball's LICENSE and publishing metadata, installs
// the tarballs into an empty project (npm, third-party dependencies from the registry), imports
// each package from Node, type-checks an import of each with a strict tsconfig (skipLibCheck
// off), and runs @artemis/client's README quick start against a node started from the
// installed @artemis/cli. Needs network access to the npm registry and a Postgres server
// (PG* variables, default postgres@127.0.0.1:5432) for that node.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packages = ['packages/core', 'packages/server', 'packages/management', 'packages/web', 'packages/client', 'apps/console', 'apps/artemis'];
// The console ships built files for the CLI to serve; it has nothing to import.
const filesOnly = new Set(['@artemis/console']);
const work = mkdtempSync(join(tmpdir(), 'artemis-pack-check-'));
const tarballs = join(work, 'tarballs');
const consumer = join(work, 'consumer');
mkdirSync(tarballs);
mkdirSync(consumer);
const run = (command, args, options = {}) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });
// pnpm is not on a fresh machine's PATH (CI runs it through npx): run as a pnpm script, use the
// pnpm that runs us.
const pnpmExec = process.env.npm_execpath;
const pnpm = (args, options) => (pnpmExec !== undefined && /pnpm/.test(pnpmExec) ? run(process.execPath, [pnpmExec, ...args], options) : run('pnpm', args, options));
const pg = ['-h', process.env.PGHOST ?? '127.0.0.1', '-p', process.env.PGPORT ?? '5432', '-U', process.env.PGUSER ?? 'postgres'];
const database = `artemis_pack_check_${process.pid}`;
let node = null;

function fail(message) {
  throw new Error(message);
}

try {
  const names = [];
  for (const dir of packages) {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const before = new Set(readdirSync(tarballs));
    pnpm(['pack', '--pack-destination', tarballs], { cwd: join(root, dir) });
    const file = readdirSync(tarballs).find((name) => !before.has(name));
    if (file === undefined) fail(`${dir}: pnpm pack wrote no tarball`);
    const listing = run('tar', ['-tzf', join(tarballs, file)]).split('\n');
    if (!listing.includes('package/LICENSE')) fail(`${manifest.name}: the tarball has no LICENSE`);
    const packed = JSON.parse(run('tar', ['-xzOf', join(tarballs, file), 'package/package.json']));
    if (packed.publishConfig?.access !== 'public') fail(`${manifest.name}: publishConfig.access is not public`);
    if (!packed.repository?.url || !packed.homepage) fail(`${manifest.name}: repository or homepage missing`);
    if (JSON.stringify(packed.dependencies ?? {}).includes('workspace:')) fail(`${manifest.name}: a workspace: range is left in dependencies`);
    names.push({ name: manifest.name, file });
  }
  console.log(`packed: ${names.map((n) => n.file).join(', ')}`);

  const tgz = (n) => `file:../tarballs/${n.file}`;
  const rootManifest = JSON.parse(readFileSync(join(root, 'packages/client/package.json'), 'utf8'));
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({
      name: 'artemis-consumer',
      private: true,
      type: 'module',
      dependencies: Object.fromEntries(names.map((n) => [n.name, tgz(n)])),
      devDependencies: { typescript: '5.9.3', '@types/node': rootManifest.devDependencies['@types/node'] },
      // The tarballs depend on each other by version; resolve those to the tarballs too.
      overrides: Object.fromEntries(names.map((n) => [n.name, tgz(n)])),
    }),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: consumer, stdio: 'inherit' });

  // Each package's root, and the subpaths published for browsers (the admin client alone).
  const importable = [...names.filter((n) => !filesOnly.has(n.name)), { name: '@artemis/client/admin' }];
  const imports = importable.map((n, i) => `import * as p${i} from '${n.name}';`).join('\n');
  writeFileSync(join(consumer, 'check.ts'), `${imports}\nexport const loaded = [${importable.map((_, i) => `p${i}`).join(', ')}];\n`);
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2023', lib: ['ES2023', 'ESNext.Disposable'], types: ['node'], noEmit: true }, files: ['check.ts'] }),
  );
  run(join(consumer, 'node_modules/.bin/tsc'), ['-p', '.'], { cwd: consumer, stdio: 'inherit' });
  console.log('types: every package compiles for a strict consumer (skipLibCheck off)');
  run(process.execPath, ['--input-type=module', '-e', `${importable.map((n) => `await import('${n.name}');`).join(' ')} console.log('imports: ok');`], { cwd: consumer, stdio: 'inherit' });

  // The client's quick start, verbatim but for the node's address, against the installed CLI.
  run('createdb', [...pg, database]);
  const url = await new Promise((resolve, reject) => {
    const cli = join(consumer, 'node_modules/@artemis/cli/dist/bin.js');
    const dbUrl = `postgres://${process.env.PGUSER ?? 'postgres'}@${process.env.PGHOST ?? '127.0.0.1'}:${process.env.PGPORT ?? '5432'}/${database}`;
    node = spawn(process.execPath, [cli, 'server', '--host', '127.0.0.1', '--port', '0', '--database-url', dbUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    node.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = /"event":"listening"[^\n]*"url":"([^"]+)"/.exec(buffered);
      if (match) resolve(match[1]);
    });
    node.once('exit', (code) => reject(new Error(`the installed artemis CLI exited with ${code}`)));
  });
  const readme = readFileSync(join(consumer, 'node_modules/@artemis/client/README.md'), 'utf8');
  const quickStart = /```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? fail('no quick start in the packed README');
  writeFileSync(join(consumer, 'quickstart.mjs'), quickStart.replace('http://127.0.0.1:8080', url));
  const output = run(process.execPath, ['quickstart.mjs'], { cwd: consumer, timeout: 30_000 }).trim();
  if (output !== 'http://127.0.0.1:3000 1') fail(`the quick start printed ${JSON.stringify(output)}`);
  console.log(`quick start: ${output}`);
  console.log('pack-check: ok');
} finally {
  if (node !== null && node.exitCode === null) {
    node.kill('SIGTERM');
    await new Promise((resolve) => node.once('exit', resolve));
  }
  try {
    execFileSync('dropdb', [...pg, '--if-exists', '--force', database], { stdio: 'ignore' });
  } catch {
    // no database was created
  }
  rmSync(work, { recursive: true, force: true });
}
