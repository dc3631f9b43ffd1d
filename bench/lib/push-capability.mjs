// Whether the node under test has the push channels. They land in a later change than this
// bench; until then the push scenarios print why they skip, and they start measuring by
// themselves once the node answers.
import WebSocket from 'ws';
import { request } from 'undici';

/** Tries a WebSocket upgrade on `path`; resolves { available, reason }. */
export function probeJavaWs(httpUrl, path) {
  const url = httpUrl.replace(/^http/i, 'ws') + path;
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { handshakeTimeout: 3_000 });
    socket.once('open', () => {
      socket.close();
      resolve({ available: true, url });
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve({ available: false, reason: `the WebSocket upgrade on ${path} was answered HTTP ${response.statusCode}` });
      response.resume();
      socket.terminate();
    });
    socket.once('error', (error) => resolve({ available: false, reason: `the WebSocket upgrade on ${path} failed: ${error.message}` }));
  });
}

/**
 * socket.io needs the server's endpoint and the event names, which @artemis/core defines
 * (`PushEvents`: `subscribe`, `instanceChange`, `heartbeat`).
 */
export async function probeSocketIo(httpUrl) {
  // The built package by path: the bench lives outside the workspace packages.
  const core = await import(new URL('../../packages/core/dist/index.js', import.meta.url).href);
  const events = core.PushEvents;
  if (events === undefined || typeof events.subscribe !== 'string' || typeof events.instanceChange !== 'string') {
    return { available: false, reason: 'socket.io event names are not exported by @artemis/core (PushEvents.subscribe / .instanceChange / .heartbeat)' };
  }
  try {
    const response = await request(`${httpUrl}/socket.io/?EIO=4&transport=polling`);
    const text = await response.body.text();
    if (response.statusCode !== 200 || !text.startsWith('0{')) return { available: false, reason: `GET /socket.io/ answered HTTP ${response.statusCode}` };
  } catch (error) {
    return { available: false, reason: `GET /socket.io/ failed: ${error.message}` };
  }
  return { available: true, events };
}
