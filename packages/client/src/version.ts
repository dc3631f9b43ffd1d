/** The version of this package, sent as part of the client's user agent. */
export const CLIENT_PACKAGE_VERSION = '0.1.0';
