// Child process of the client-sdk scenario: keeps 100 instances registered with the node named
// in argv and reports the CPU it used over the window (so nothing of the bench is counted).
const [url, windowMs] = [process.argv[2], Number(process.argv[3])];
const { ArtemisClient } = await import(new URL('../../packages/client/dist/index.js', import.meta.url).href);
const client = new ArtemisClient({ servers: [url], drainMs: 0 });
let heartbeats = 0;
client.on('heartbeat', (event) => (heartbeats += event.count));
await client.register(Array.from({ length: 100 }, (_, i) => ({ serviceId: 'orders', instanceId: `o-${i}`, url: `http://10.0.0.${i}:8080` })));
// Let start-up work (module compilation, background JIT) settle before measuring.
await new Promise((r) => setTimeout(r, 5000));
heartbeats = 0;
const before = process.cpuUsage();
await new Promise((r) => setTimeout(r, windowMs));
const used = process.cpuUsage(before);
await client.close();
process.stdout.write(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, heartbeats }) + '\n');
