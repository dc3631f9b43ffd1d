// Every process the bench starts is ended with it, even when the bench itself fails: a server
// left running would load the machine for the next run.
const children = new Set();

process.once('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Ends `child` when the bench exits; returns it. */
export function endWithBench(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
