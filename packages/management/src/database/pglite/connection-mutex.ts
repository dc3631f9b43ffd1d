/**
 * One holder at a time. PGlite is a single Postgres session, so a transaction must own it
 * from BEGIN to COMMIT: every kysely connection request waits here first.
 */
export class ConnectionMutex {
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;

  /** Waits until the mutex is free, then holds it. */
  async lock(): Promise<void> {
    while (this.held !== null) await this.held;
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  /** Frees the mutex for the next waiter. */
  unlock(): void {
    const release = this.release;
    this.held = null;
    this.release = null;
    release?.();
  }
}
