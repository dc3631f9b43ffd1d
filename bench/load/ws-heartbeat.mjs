// Heartbeats over the Java WebSocket channel (`/ws/registry/heartbeat`): each text frame is a
// HeartbeatRequest, each reply a HeartbeatResponse, answered in order.
import WebSocket from 'ws';
import { saturateChannels } from './channel-saturation.mjs';

function connect(url) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.once('error', reject);
    socket.once('open', () => {
      const waiting = [];
      socket.on('message', (data) => waiting.shift()(data.toString().includes('"success"')));
      resolve({
        send(body, onReply) {
          waiting.push(onReply);
          socket.send(body);
        },
        close: () => socket.close(),
      });
    });
  });
}

export async function wsHeartbeat({ url, bodies, connections, inFlight, warmupMs, durationMs }) {
  const channels = await Promise.all(Array.from({ length: connections }, () => connect(url)));
  return saturateChannels({ connections: channels, bodies, inFlight, warmupMs, durationMs });
}
