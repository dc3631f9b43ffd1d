import type { JsonRoute } from '../http/json-route.js';
import type { PageRoute } from '../http/page-route.js';
import { OPENAPI_PATH, openApiDocument } from './openapi-document.js';

/** `GET /api/openapi.json`: the node's OpenAPI document, generated once on first request. */
export function openApiPage(routes: () => readonly JsonRoute[], pages: () => readonly PageRoute[]): PageRoute {
  let text: string | null = null;
  return {
    path: OPENAPI_PATH,
    operation: 'openapi',
    contentType: 'application/json;charset=UTF-8',
    render: () => (text ??= JSON.stringify(openApiDocument(routes(), pages()))),
  };
}
