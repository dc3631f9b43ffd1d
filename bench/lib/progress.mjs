// Progress while the bench runs goes to stderr, so that stdout holds only the final table.
const started = performance.now();

export function progress(message) {
  const elapsed = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${elapsed} s] ${message}\n`);
}

export function elapsedSeconds() {
  return (performance.now() - started) / 1000;
}
