/**
 * `@artemis/client`: what a Node service installs to talk to Artemis.
 * The registry/discovery SDK and the typed admin client are exported from here.
 */
export { CLIENT_PACKAGE_VERSION } from './version.js';

// ---- The admin client (ArtemisAdmin): management, status, cluster and auth endpoints ----
export * from './admin/index.js';
