import type { InstanceOperationLog } from '@artemis/core';
import { readLog } from '../api';
import { useSession } from '../auth/session-context';
import type { LiveInstance } from '../live/live-reducer';
import { useManagementData } from '../live/use-management-data';
import { DataTable, type Column } from '../shell/data-table';
import { Empty, ErrorState, Loading } from '../shell/states';
import { Time } from '../shell/time';

const columns: Column<InstanceOperationLog>[] = [
  { header: 'When', cell: (log) => <Time value={log.createTime} /> },
  { header: 'Operation', cell: (log) => log.operation },
  { header: 'Done', cell: (log) => (log.complete ? 'pulled in' : 'pulled out') },
  { header: 'Operator', cell: (log) => log.operatorId },
];

/** The operation history of one instance, newest first; read again on every management change. */
export function InstanceHistory({ row, onClose }: { row: LiveInstance; onClose: () => void }) {
  const { admin } = useSession();
  const instance = row.instance;
  const [logs, reload] = useManagementData(
    () => readLog(admin, 'instance-operation', { limit: 50, offset: 0, serviceId: instance.serviceId, instanceId: instance.instanceId }),
    [admin, instance.serviceId, instance.instanceId],
  );
  return (
    <div className="card history" aria-labelledby="history-title">
      <h2 id="history-title">
        History of {instance.serviceId}/{instance.instanceId}
      </h2>
      {logs.status === 'loading' ? (
        <Loading what="history" />
      ) : logs.status === 'error' ? (
        <ErrorState error={logs.error} retry={reload} />
      ) : (logs.data.logs ?? []).length === 0 ? (
        <Empty>No operation on this instance yet.</Empty>
      ) : (
        <DataTable columns={columns} rows={logs.data.logs ?? []} rowKey={(log) => String(log.id)} />
      )}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
