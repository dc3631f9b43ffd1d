import type { ReactNode } from 'react';
import type { Role } from '@artemis/core';
import { ServiceDetailPage } from './service-detail-page';
import { ServicesPage } from './services-page';
import { InstancesPage } from './instances-page';
import { DashboardPage } from './dashboard-page';
import { AuditPage } from './audit-page';
import { RoutingPage } from './routing-page';
import { ZonesPage } from './zones-page';
import { CanaryPage } from './canary-page';
import { ClusterPage } from './cluster-page';
import { UsersPage } from './users-page';

/** A page: the least role that sees it, and how to draw it from the rest of the route. */
export interface PageEntry {
  readonly role: Role;
  render(rest: readonly string[]): ReactNode;
}

/** Every page by the first segment of its route. */
export const PAGES: Readonly<Record<string, PageEntry>> = {
  dashboard: { role: 'viewer', render: () => <DashboardPage /> },
  services: { role: 'viewer', render: ([serviceId]) => (serviceId === undefined ? <ServicesPage /> : <ServiceDetailPage serviceId={serviceId} />) },
  instances: { role: 'viewer', render: () => <InstancesPage /> },
  routing: { role: 'viewer', render: () => <RoutingPage /> },
  zones: { role: 'viewer', render: () => <ZonesPage /> },
  canary: { role: 'viewer', render: () => <CanaryPage /> },
  audit: { role: 'viewer', render: () => <AuditPage /> },
  cluster: { role: 'viewer', render: () => <ClusterPage /> },
  users: { role: 'admin', render: () => <UsersPage /> },
};
