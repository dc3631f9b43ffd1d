import type { ReactNode } from 'react';
import type { Role } from '@artemis/core';
import { Empty } from '../shell/states';
import { ServiceDetailPage } from './service-detail-page';
import { ServicesPage } from './services-page';
import { InstancesPage } from './instances-page';
import { DashboardPage } from './dashboard-page';
import { AuditPage } from './audit-page';
import { RoutingPage } from './routing-page';

/** A page: the least role that sees it, and how to draw it from the rest of the route. */
export interface PageEntry {
  readonly role: Role;
  render(rest: readonly string[]): ReactNode;
}

const coming = (what: string): PageEntry => ({ role: 'viewer', render: () => <Empty>{what} is not in this console yet.</Empty> });

/** Every page by the first segment of its route. */
export const PAGES: Readonly<Record<string, PageEntry>> = {
  dashboard: { role: 'viewer', render: () => <DashboardPage /> },
  services: { role: 'viewer', render: ([serviceId]) => (serviceId === undefined ? <ServicesPage /> : <ServiceDetailPage serviceId={serviceId} />) },
  instances: { role: 'viewer', render: () => <InstancesPage /> },
  routing: { role: 'viewer', render: () => <RoutingPage /> },
  zones: coming('Zone operations'),
  canary: coming('Canary'),
  audit: { role: 'viewer', render: () => <AuditPage /> },
  cluster: coming('Cluster'),
  users: { role: 'admin', render: () => <Empty>Users and tokens are not in this console yet.</Empty> },
};
