import pg from 'pg';

/**
 * The health probe's own connection: kept open between probes (a probe costs one round trip),
 * thrown away after any failure so that the next probe connects afresh, within the same
 * time limit. A hung server gets no chance to make a probe wait longer than it was allowed.
 */
export class DatabaseProbe {
  private client: pg.Client | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly config: pg.ClientConfig) {}

  /** Resolves when `select 1` answers within `timeoutMs`; rejects otherwise. Concurrent calls share one probe. */
  probe(timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the database probe is closed'));
    this.running ??= this.run(timeoutMs).finally(() => (this.running = null));
    return this.running;
  }

  private async run(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the management database did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.query(timeoutMs), deadline]);
    } catch (error) {
      this.discard();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async query(timeoutMs: number): Promise<void> {
    if (this.client === null) {
      const client = new pg.Client({ ...this.config, connectionTimeoutMillis: timeoutMs, statement_timeout: timeoutMs, application_name: 'artemis-probe' });
      // A failure surfaces through the probe's own query; the handler only keeps the process up.
      client.on('error', () => this.discard());
      this.client = client;
      await client.connect();
    }
    await this.client.query('select 1');
  }

  private discard(): void {
    const client = this.client;
    this.client = null;
    if (client === null) return;
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    // end() waits for the server's answer, which a hung server never sends: cut the socket.
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    client.end().catch(() => undefined);
  }

  /** Closes the probe's connection. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running?.catch(() => undefined);
    this.discard();
  }
}
