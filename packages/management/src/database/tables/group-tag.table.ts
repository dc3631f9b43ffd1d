import type { Selectable } from 'kysely';
import type { LogColumns, RowColumns } from './common-columns.js';

/** `service_group_tag`: a tag of a group, served as group metadata; unique per (group, tag). */
export interface GroupTagTable extends RowColumns {
  readonly group_id: number;
  readonly tag: string;
  readonly value: string;
}

/** `service_group_tag_log`: every write of `service_group_tag` (Java defines it but never writes it; we do). */
export interface GroupTagLogTable extends LogColumns {
  readonly group_id: number;
  readonly tag: string;
  readonly value: string;
}

/** A row of `service_group_tag`. */
export type GroupTagRow = Selectable<GroupTagTable>;
