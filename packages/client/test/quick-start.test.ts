import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startNode, type ArtemisNode } from './support/artemis-node.js';

/** The first js block of the package README, run as its own process against a real node. */
describe('README quick start', () => {
  let node: ArtemisNode;
  beforeAll(async () => {
    node = await startNode();
  });
  afterAll(() => node.close());

  it('runs verbatim (bar the node address) and prints the registered instance', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(code).toContain("servers: ['http://127.0.0.1:8080']");
    const script = code.replace('http://127.0.0.1:8080', node.url);
    // Run from the package directory: `@artemis/client` resolves to this package's build by self-reference.
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '-e', script], { cwd, timeout: 20_000 }, (error, stdout, stderr) => (error === null ? resolve(stdout) : reject(new Error(`${error.message}\n${stderr}`)))),
    );
    expect(output.trim()).toBe('http://127.0.0.1:3000 1');
  }, 40_000);
});
