/** Seeded helpers over the shared mulberry32 generator, so demo and benchmark data are the same on every run. */
import { createSeededRng } from '../domain/random/index.js';

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  const next = createSeededRng(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** A deterministic UUID (v4 layout) from the generator, so seeded rows have stable ids. */
export function seededUuid(rng: Rng): string {
  const hex: string[] = [];
  for (let i = 0; i < 16; i++) hex.push(Math.floor(rng.next() * 256).toString(16).padStart(2, '0'));
  hex[6] = ((parseInt(hex[6]!, 16) & 0x0f) | 0x40).toString(16).padStart(2, '0');
  hex[8] = ((parseInt(hex[8]!, 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
