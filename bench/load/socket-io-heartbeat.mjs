// Heartbeats over socket.io: each `heartbeat` event carries a HeartbeatRequest and is
// acknowledged with the HeartbeatResponse.
import { saturateChannels } from './channel-saturation.mjs';

async function connect(origin, event) {
  const { io } = await import('socket.io-client');
  const socket = io(origin, { transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return {
    send: (body, onReply) => socket.emit(event, body, (response) => onReply(response.responseStatus.status === 'success')),
    close: () => socket.close(),
  };
}

export async function socketIoHeartbeat({ origin, events, bodies, connections, inFlight, warmupMs, durationMs }) {
  const channels = await Promise.all(Array.from({ length: connections }, () => connect(origin, events.heartbeat)));
  return saturateChannels({ connections: channels, bodies: bodies.map((body) => JSON.parse(body)), inFlight, warmupMs, durationMs });
}
