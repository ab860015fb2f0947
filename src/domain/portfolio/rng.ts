/** The portfolio heuristics' generator is the shared mulberry32 (same sequence for a seed). */
export { createSeededRng } from '../random/mulberry32.js';
