// Command-line options of `pnpm bench`. Kept tiny on purpose: no parser dependency for four flags.
export function parseArgs(argv) {
  const options = { quick: false, scenario: null, list: false, pin: true, docs: null, retry: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--list') options.list = true;
    else if (arg === '--no-pin') options.pin = false;
    else if (arg === '--no-retry') options.retry = false;
    else if (arg === '--docs') options.docs = true;
    else if (arg === '--no-docs') options.docs = false;
    else if (arg === '--scenario') options.scenario = argv[++i] ?? null;
    else if (arg.startsWith('--scenario=')) options.scenario = arg.slice('--scenario='.length);
    else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`unknown option ${arg}; try --help`);
  }
  // Only a full run (every scenario, full length) rewrites docs/benchmarks.md, unless told otherwise.
  // A quick run must stay short: it records disturbances and never waits for a quiet machine.
  if (options.quick) options.retry = false;
  if (options.docs === null) options.docs = !options.quick && options.scenario === null;
  return options;
}

export const USAGE = `pnpm bench [--quick] [--scenario NAME] [--list] [--no-pin] [--docs|--no-docs]
  --quick          reduced set, shorter steps (under 90 s)
  --scenario NAME  run one scenario (see --list)
  --no-pin         do not pin the server and the generator to separate cores with taskset
  --no-retry       do not measure again a step that other programs disturbed (record it only)
  --docs           rewrite docs/benchmarks.md and its chart (default on a full run only)`;
