export { ManualClock } from './runtime/manual-clock.js';
