import { ChangeType, type Instance } from '@artemis/core';
import type { ArtemisEngine } from '@artemis/server';
import type { ManagementSnapshot } from './management-snapshot.js';

/** What a snapshot swap tells clients. */
export interface SnapshotChanges {
  /** Services whose clients must re-read them whole (by lowercased id). */
  readonly reloads: readonly string[];
  /** Registered instances that became hidden (`delete`) or visible again (`new`). */
  readonly instances: readonly { readonly changeType: typeof ChangeType.delete | typeof ChangeType.new; readonly instance: Instance }[];
}

/**
 * The pushes a move from `before` to `after` calls for (docs/java-reference.md §8.3):
 * `reload` for every service whose route rules, logical instances, zone operations or pulled-out
 * groups changed; for the other registered services, `delete` for each instance that an
 * instance or server operation now hides and `new` for each one it no longer hides.
 */
export function snapshotChanges(before: ManagementSnapshot, after: ManagementSnapshot, engine: ArtemisEngine): SnapshotChanges {
  const reloads = new Set<string>();
  const old = before.signatures();
  const current = after.signatures();
  for (const [key, signature] of current) if (old.get(key) !== signature) reloads.add(key);
  for (const key of old.keys()) if (!current.has(key)) reloads.add(key);
  const instances: { changeType: typeof ChangeType.delete | typeof ChangeType.new; instance: Instance }[] = [];
  for (const record of engine.store.records()) {
    if (reloads.has(record.serviceKey)) continue;
    for (const lease of record.leases.values()) {
      const wasDown = before.isInstanceDown(lease.instance);
      const isDown = after.isInstanceDown(lease.instance);
      if (wasDown !== isDown) instances.push({ changeType: isDown ? ChangeType.delete : ChangeType.new, instance: lease.instance });
    }
  }
  return { reloads: [...reloads], instances };
}
