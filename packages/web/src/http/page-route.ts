import type { Request, Response } from 'express';

/**
 * A GET endpoint that is not a protocol route (no JSON envelope): `/metrics`, the OpenAPI
 * document. Declared as data so that access rules can be attached to it like to any route.
 */
export interface PageRoute {
  readonly path: string;
  /** Names the endpoint in logs (`metrics`, `openapi`). */
  readonly operation: string;
  readonly contentType: string;
  render(): string | Promise<string>;
}

/** Serves a page route on express; a failed render goes to the app's error handler (logged, protocol-shaped answer). */
export function servePage(page: PageRoute): (request: Request, response: Response, next: (error?: unknown) => void) => void {
  return (_request, response, next) => {
    Promise.resolve()
      .then(() => page.render())
      .then(
        (body) => {
          response.status(200).setHeader('Content-Type', page.contentType);
          response.end(body);
        },
        (error: unknown) => next(error),
      );
  };
}
