// The load generator, in its own process (pinned to its own core when possible): it runs one
// job at a time on the parent's request and replies with the measured figures.
import { readFileSync } from 'node:fs';
import { serveIpc } from '../lib/ipc.mjs';
import { closedLoop } from './closed-loop.mjs';
import { openLoop } from './open-loop.mjs';
import { wsHeartbeat } from './ws-heartbeat.mjs';
import { pushLatency } from './push-latency.mjs';
import { socketIoHeartbeat } from './socket-io-heartbeat.mjs';

const bodyFiles = new Map();

/** Request bodies are handed over as a JSON file of strings, read once per file. */
function bodiesOf(file) {
  let bodies = bodyFiles.get(file);
  if (bodies === undefined) {
    bodies = JSON.parse(readFileSync(file, 'utf8')).map((text) => Buffer.from(text));
    bodyFiles.set(file, bodies);
  }
  return bodies;
}

serveIpc({
  'open-loop': (job) => openLoop({ ...job, bodies: bodiesOf(job.bodiesFile) }),
  'closed-loop': (job) => closedLoop({ ...job, bodies: bodiesOf(job.bodiesFile) }),
  'ws-heartbeat': (job) => wsHeartbeat({ ...job, bodies: bodiesOf(job.bodiesFile).map((b) => b.toString()) }),
  'push-latency': (job) => pushLatency(job),
  'socket-io-heartbeat': (job) => socketIoHeartbeat({ ...job, bodies: bodiesOf(job.bodiesFile).map((b) => b.toString()) }),
  exit: () => {
    setImmediate(() => process.exit(0));
    return {};
  },
});
