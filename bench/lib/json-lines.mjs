// Reads a child's stdout as JSON lines (the node's log format), keeping every parsed line and
// letting callers wait for one that matches.
export function jsonLines(stream) {
  const lines = [];
  const waiters = new Set();
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = { message: text };
      }
      parsed.receivedAt = performance.now();
      lines.push(parsed);
      for (const waiter of waiters) {
        if (waiter.match(parsed)) {
          waiters.delete(waiter);
          waiter.resolve(parsed);
        }
      }
    }
  });
  return {
    lines,
    waitFor(match, timeoutMs = 10_000) {
      const found = lines.find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`no matching log line within ${timeoutMs} ms`));
        }, timeoutMs).unref();
      });
    },
  };
}
