import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { JsonBody } from '@artemis/server';
import { securityHeaders, type CorsPolicy } from '../http/cors.js';
import { errorReply } from '../http/error-response.js';
import { HttpError } from '../http/http-error.js';
import type { JsonRoute } from '../http/json-route.js';
import { sendJson } from '../http/send-json.js';
import { servePage, type PageRoute } from '../http/page-route.js';
import { serveRoute, type ServeOptions } from '../http/serve-route.js';
import { staticFiles, type StaticFilesOptions } from '../static/static-files.js';

/** What a readiness probe reports. */
export interface Readiness {
  /** True while the node can serve registry and discovery: the probe answers 200. */
  readonly ready: boolean;
  /** True when a dependency (the database) is down while the node still serves: 200, status `degraded`. */
  readonly degraded?: boolean;
  /** Each check and its state, e.g. `{ node: 'up' }`. */
  readonly checks: Readonly<Record<string, string>>;
}

/** What the express app hosts. */
export interface ExpressAppOptions extends ServeOptions {
  /** Protocol routes served through express rather than the lean table. */
  readonly routes: readonly JsonRoute[];
  readonly readiness: () => Readiness;
  /** A built web app to serve (the console at `/console/`, with `/` redirected to it). */
  readonly staticFiles?: StaticFilesOptions;
  /** Non-JSON GET endpoints: `/metrics`, `/api/openapi.json`. */
  readonly pages?: readonly PageRoute[];
  readonly cors: CorsPolicy;
}

/**
 * The express app behind the lean dispatcher: health probes, the protocol routes that are not
 * hot, and the protocol-shaped 404 for anything unknown. Management and the console mount here.
 */
export function createExpressApp(options: ExpressAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method === 'OPTIONS') {
      options.cors.preflight(request, response);
      return;
    }
    response.set(securityHeaders);
    options.cors.apply(request, response);
    next();
  });

  app.get('/health/live', (_request: Request, response: Response) => {
    response.json({ status: 'up' });
  });
  app.get('/health/ready', (_request: Request, response: Response) => {
    const readiness = options.readiness();
    const status = !readiness.ready ? 'down' : readiness.degraded === true ? 'degraded' : 'up';
    response.status(readiness.ready ? 200 : 503).json({ status, checks: readiness.checks });
  });

  for (const page of options.pages ?? []) app.get(page.path, servePage(page));

  for (const route of options.routes) {
    app.all(route.path, (request: Request, response: Response) => {
      const mark = request.originalUrl.indexOf('?');
      serveRoute(request, response, route, new URLSearchParams(mark < 0 ? '' : request.originalUrl.slice(mark + 1)), options);
    });
  }

  // The console (docs/console.md): static files, after the protocol routes, before the 404.
  if (options.staticFiles !== undefined) app.use(staticFiles(options.staticFiles));

  app.use((request: Request, _response: Response, next: NextFunction) => {
    next(new HttpError(404, `no such endpoint: ${request.method} ${request.path}`));
  });
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    const reply = errorReply(error, options.logger, `${request.method} ${request.path}`);
    if (!response.headersSent) sendJson(request, response, reply.status, new JsonBody(reply.body), reply.headers);
  });
  return app;
}
