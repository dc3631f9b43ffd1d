// The figures of a run as JSON under bench/results/ (ignored by git), one file per run plus
// latest.json.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../results/', import.meta.url));

export function writeResults(run) {
  const stamp = run.machine.date.replace(/[:.]/g, '-');
  const file = `${DIR}${stamp}-${run.mode.replace(/\s+/g, '-')}.json`;
  const text = `${JSON.stringify(run, null, 2)}\n`;
  writeFileSync(file, text);
  writeFileSync(`${DIR}latest.json`, text);
  return file;
}
