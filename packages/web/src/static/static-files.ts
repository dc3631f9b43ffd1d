import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';

/** Where a built single-page app lives and where it is served. */
export interface StaticFilesOptions {
  /** The directory of built files, with `index.html` at its root and hashed files under `assets/`. */
  readonly directory: string;
  /** The URL prefix, without a trailing slash (default `/console`). */
  readonly mountPath?: string;
  /** Whether `GET /` redirects to the app (default true). */
  readonly redirectRoot?: boolean;
}

/**
 * A strict policy for an app built without inline script or style: everything from the node
 * itself, nothing embeddable, no plugins. `connect-src 'self'` covers the node's own socket.io.
 */
export const staticSecurityHeaders: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
    "manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
});

/** Hashed build output never changes under its name; everything else is revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Serves a built single-page app (the console): files under `mountPath` with caching and
 * security headers, `index.html` for paths without an extension (client-side routes), and
 * `GET /` redirected to the app. Anything else falls through to the protocol's 404.
 */
export function staticFiles(options: StaticFilesOptions): Router {
  const mountPath = options.mountPath ?? '/console';
  const index = join(options.directory, 'index.html');
  const router = Router();
  if (options.redirectRoot ?? true) {
    router.get('/', (_request: Request, response: Response) => {
      response.redirect(302, `${mountPath}/`);
    });
  }
  router.get(mountPath, (request: Request, response: Response, next: NextFunction) => {
    // Routing is not strict: this also matches `${mountPath}/`, which is the app itself.
    if (request.path !== mountPath) {
      next();
      return;
    }
    response.redirect(301, `${mountPath}/`);
  });
  const files = express.static(options.directory, {
    index: 'index.html',
    redirect: false,
    dotfiles: 'ignore',
    fallthrough: true,
    setHeaders: (response, path) => {
      response.set(staticSecurityHeaders);
      response.set('Cache-Control', path.includes(`${join(options.directory, 'assets')}/`) ? IMMUTABLE : REVALIDATE);
    },
  });
  router.use(mountPath, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      next();
      return;
    }
    files(request, response, () => {
      // A client-side route (no dot in its last segment) gets the app; a missing asset or a
      // dotfile stays a 404.
      if (basename(request.path).includes('.') || !existsSync(index)) {
        next();
        return;
      }
      response.set(staticSecurityHeaders);
      response.set('Cache-Control', REVALIDATE);
      response.sendFile(index, (error?: Error) => {
        if (error !== undefined && !response.headersSent) next(error);
      });
    });
  });
  return router;
}
