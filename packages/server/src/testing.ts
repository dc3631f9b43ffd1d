export { ManualClock } from './runtime/manual-clock.js';
export { SimulatedNetwork, seededRandom, type SimulatedNetworkOptions } from './cluster/simulated-network.js';
