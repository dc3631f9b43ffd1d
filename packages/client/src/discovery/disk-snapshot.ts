import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Service } from '@artemis/core';
import { checkService } from './wire-check.js';

const FILE = 'artemis-services.json';

/** The services cached on disk, read at start so a service can start while every node is down. */
export class DiskSnapshot {
  private timer: NodeJS.Timeout | null = null;
  private pending: (() => Service[]) | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The services of the last snapshot, by lowercase id; empty when there is none or it is unreadable. */
  async load(): Promise<Map<string, Service>> {
    const services = new Map<string, Service>();
    try {
      const parsed = JSON.parse(await readFile(join(this.dir, FILE), 'utf8')) as { services?: unknown };
      if (!Array.isArray(parsed.services)) return services;
      for (const raw of parsed.services) {
        const id = (raw as { serviceId?: unknown } | null)?.serviceId;
        if (typeof id !== 'string') continue;
        try {
          services.set(id.toLowerCase(), checkService(raw, id.toLowerCase()));
        } catch {
          // One damaged entry does not cost the others.
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.onError(error);
    }
    return services;
  }

  /** Schedules a write of `services()` within a second (writes are coalesced). */
  schedule(services: () => Service[]): void {
    this.pending = services;
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, 1000);
    this.timer.unref();
  }

  /** Writes what is pending now (atomically: temp file, then rename). */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const services = this.pending;
    this.pending = null;
    if (services === null) return this.writing;
    this.writing = this.writing.then(async () => {
      try {
        await mkdir(this.dir, { recursive: true });
        const temp = join(this.dir, `${FILE}.${process.pid}.tmp`);
        await writeFile(temp, JSON.stringify({ savedAt: new Date().toISOString(), services: services() }));
        await rename(temp, join(this.dir, FILE));
      } catch (error) {
        this.onError(error);
      }
    });
    return this.writing;
  }
}
