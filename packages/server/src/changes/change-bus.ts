import type { Logger } from '../runtime/logger.js';
import type { ChangeEvent } from './change-event.js';

/** A subscriber of the change bus. */
export type ChangeListener = (event: ChangeEvent) => void;

/**
 * Delivers every change, synchronously and in version order, to its subscribers (push
 * channels, replication). A subscriber that throws is logged and does not disturb the others
 * or the registry; subscribers must not block (buffer and return).
 */
export class ChangeBus {
  private listeners: readonly ChangeListener[] = [];

  constructor(private readonly logger: Logger) {}

  /** Adds a subscriber; returns the function that removes it. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((existing) => existing !== listener);
    };
  }

  /** Number of subscribers. */
  get size(): number {
    return this.listeners.length;
  }

  /** Hands `event` to every subscriber. */
  publish(event: ChangeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error('change subscriber failed', { error: String(error), version: event.version });
      }
    }
  }
}
