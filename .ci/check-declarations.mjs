#!/usr/bin/env node
// CI: the published type declarations carry no `any` (a strict consumer would lose its type
// checks through it). Scans dist/**/*.d.ts of every publishable package, comments and string
// literals removed, for the type `any`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packages = ['packages/core', 'packages/server', 'packages/management', 'packages/web', 'packages/client', 'apps/artemis'];

function* declarations(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* declarations(path);
    else if (name.endsWith('.d.ts')) yield path;
  }
}

/** The text with comments and string literals blanked out (line numbers kept). */
function code(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, (m) => m.replace(/[^\n]/g, ' '));
}

const problems = [];
let files = 0;
for (const pkg of packages) {
  const dist = join(root, pkg, 'dist');
  try {
    statSync(dist);
  } catch {
    problems.push(`${pkg}: no dist/ (build first)`);
    continue;
  }
  for (const file of declarations(dist)) {
    files += 1;
    code(readFileSync(file, 'utf8'))
      .split('\n')
      .forEach((line, index) => {
        if (/\bany\b/.test(line)) problems.push(`${file.slice(root.length)}:${index + 1}: ${line.trim()}`);
      });
  }
}
if (problems.length > 0) {
  console.error(`\`any\` in published declarations:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`check-declarations: ${files} declaration files, no \`any\``);
