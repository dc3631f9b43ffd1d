import { percent, previewByZone, type PreviewGroup } from '../logic/weight-preview';

/**
 * What clients in each zone get now (released weights) and would get after a release
 * (unreleased weights), group by group.
 */
export function WeightPreviewTable({
  strategy,
  released,
  unreleased,
  zones,
}: {
  strategy: string | null;
  released: readonly PreviewGroup[];
  unreleased: readonly PreviewGroup[];
  zones: readonly string[];
}) {
  const now = previewByZone(strategy, released, zones);
  const next = previewByZone(strategy, unreleased, zones);
  const groupKeys = [...new Set([...released, ...unreleased].map((group) => group.groupKey))].sort();
  return (
    <table className="preview" aria-label="Weight preview per zone">
      <thead>
        <tr>
          <th>Clients in zone</th>
          {groupKeys.map((key) => (
            <th key={key}>{key}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {now.map((zone, index) => {
          const after = next[index]!;
          return (
            <tr key={zone.zoneId} data-zone={zone.zoneId}>
              <th scope="row">
                {zone.zoneId}
                {after.note !== null ? <div className="hint">{after.note}</div> : null}
              </th>
              {groupKeys.map((key) => {
                const current = zone.shares.find((share) => share.groupKey === key)?.share ?? 0;
                const upcoming = after.shares.find((share) => share.groupKey === key)?.share ?? 0;
                const changed = Math.abs(current - upcoming) > 1e-9;
                return (
                  <td key={key} data-group={key} data-share={percent(upcoming)}>
                    {changed ? (
                      <>
                        <span className="muted">{percent(current)}</span> → <strong>{percent(upcoming)}</strong>
                      </>
                    ) : (
                      percent(upcoming)
                    )}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
