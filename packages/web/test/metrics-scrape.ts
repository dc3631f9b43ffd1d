import { execFileSync, spawnSync } from 'node:child_process';
import { send } from './http-client.js';

/** One sample of an exposition: name, labels, value. */
export interface ScrapedSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Parses the Prometheus text format (the subset prom-client writes). */
export function parseExposition(text: string): ScrapedSample[] {
  const samples: ScrapedSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1] as string] = pair[2] as string;
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** Scrapes a node's `/metrics`; `value(name, labels)` sums the matching samples (0 when none). */
export async function scrape(url: string): Promise<{ text: string; contentType: string; value(name: string, labels?: Record<string, string>): number }> {
  const response = await send(url, { path: '/metrics' });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}: ${response.text}`);
  const samples = parseExposition(response.text);
  return {
    text: response.text,
    contentType: String(response.headers['content-type']),
    value: (name, labels = {}) =>
      samples.filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value)).reduce((sum, s) => sum + s.value, 0),
  };
}

/** True when `promtool` is on the PATH. */
export function hasPromtool(): boolean {
  return spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Runs `promtool check metrics` on an exposition; throws with promtool's complaints. */
export function promtoolCheck(text: string): string {
  return execFileSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
}
