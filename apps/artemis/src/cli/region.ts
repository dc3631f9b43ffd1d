import type { ArtemisAdmin } from '@artemis/client';

/** The region a command acts in: `--region`, else the region the answering node serves. */
export async function regionOf(region: string | undefined, admin: ArtemisAdmin): Promise<string> {
  if (region !== undefined) return region;
  const { nodeStatus } = await admin.status.node();
  return nodeStatus.node?.zone.regionId ?? 'default';
}
