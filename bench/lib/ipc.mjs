// Request/reply over a child process's IPC channel: every message carries an id, the reply
// echoes it. Used to drive the load generator and to read the server-side probe.
let nextId = 1;

export function ipcClient(child) {
  const waiting = new Map();
  child.on('message', (message) => {
    const pending = waiting.get(message?.id);
    if (pending === undefined) return;
    waiting.delete(message.id);
    if (message.error !== undefined) pending.reject(new Error(message.error));
    else pending.resolve(message.result);
  });
  child.once('exit', (code) => {
    for (const pending of waiting.values()) pending.reject(new Error(`process exited (${code}) before replying`));
    waiting.clear();
  });
  return (type, payload = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ id, type, ...payload });
    });
}

/** The child side: answers messages with `handlers[type](message)`. */
export function serveIpc(handlers) {
  process.on('message', async (message) => {
    const handler = handlers[message?.type];
    try {
      if (handler === undefined) throw new Error(`unknown request ${message?.type}`);
      process.send({ id: message.id, result: await handler(message) });
    } catch (error) {
      process.send({ id: message.id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  });
}
