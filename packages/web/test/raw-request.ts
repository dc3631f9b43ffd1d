import { connect } from 'node:net';
import type { TestNode } from './fixtures.js';

/** Sends raw bytes on a fresh connection and resolves with everything the node sent back before closing. */
export function raw(node: TestNode, bytes: string): Promise<string> {
  const { port } = new URL(node.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
  });
}
