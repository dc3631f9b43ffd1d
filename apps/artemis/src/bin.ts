#!/usr/bin/env node
import { main } from './main.js';

main(process.argv.slice(2), process.env).catch((error: unknown) => {
  process.stderr.write(`artemis: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
