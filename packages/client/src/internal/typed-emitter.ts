/** A map of event names to their payload types. */
export type EventMap = { [event: string]: unknown };

/** A listener of one event. */
export type Listener<T> = (payload: T) => void;

/**
 * A small typed emitter whose listeners are isolated: a listener that throws does not stop the
 * others and never reaches the code that emitted (timers, socket handlers). The failure goes to
 * `onListenerError`.
 */
export class TypedEmitter<Events extends EventMap> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly onListenerError: (event: string, error: unknown) => void = () => undefined) {}

  /** Adds a listener; returns a function that removes it. */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return () => this.off(event, listener);
  }

  /** Adds a listener called at most once. */
  once<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    const off = this.on(event, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  /** Removes a listener. */
  off<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    this.listeners.get(event)?.delete(listener as Listener<never>);
  }

  /** Number of listeners of an event. */
  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Calls every listener of `event`; returns how many there were. */
  emit<E extends keyof Events>(event: E, payload: Events[E]): number {
    const set = this.listeners.get(event);
    if (set === undefined || set.size === 0) return 0;
    for (const listener of [...set]) {
      try {
        (listener as Listener<Events[E]>)(payload);
      } catch (error) {
        try {
          this.onListenerError(String(event), error);
        } catch {
          // The error hook itself failed; nothing sensible is left to tell.
        }
      }
    }
    return set.size;
  }

  /** Drops every listener. */
  removeAll(): void {
    this.listeners.clear();
  }
}
