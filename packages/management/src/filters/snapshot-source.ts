import type { ManagementSnapshot } from '../snapshot/management-snapshot.js';

/** Where a filter reads the current management snapshot; swapped whole on every reload. */
export type SnapshotSource = () => ManagementSnapshot;
