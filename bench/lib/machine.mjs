// The machine a run measured: the figures mean little without it.
import { cpus, totalmem, release } from 'node:os';
import { readFileSync } from 'node:fs';

export function describeMachine(pinning) {
  const cpu = cpus();
  let os = release();
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] + ` (kernel ${release()})`;
  } catch {
    // not Linux: the kernel release alone
  }
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    os,
    date: new Date().toISOString(),
    pinning: pinning.describe(),
  };
}
