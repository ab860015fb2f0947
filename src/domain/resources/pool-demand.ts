/**
 * Role pools levelled together with their holders' named work. A pool's capacity is the sum of its holders', so
 * every unit a holder spends on named work in the same run must also come out of the pool; otherwise the pool's
 * placeholders and the holder's named tasks could both be booked on the same hours. Adding the named demand to
 * each pool the person holds makes the engine enforce, per period, placeholders + holders' named work <= holders'
 * capacity (the aggregate condition; for one pool it is also sufficient, since placeholders are not tied to a
 * particular holder).
 */

/** Units of a resource a task needs in every period it runs. */
export interface ResourceDemand {
  resourceId: string;
  units: number;
}

/** A task's demands with its holders' named work added to their pools, and the pools it only draws on that way. */
export interface PooledDemands {
  demands: ResourceDemand[];
  /** Pools the task needs only because a holder works on it by name (no placeholder of its own). */
  derivedOnly: string[];
}

/**
 * Adds each named demand to every pool its resource belongs to (`poolsOf`: resource id -> pool ids). Demands on
 * the same pool add up; the task's own demands keep their order and the derived pools follow in first-seen order.
 * Units are rounded to hundredths, the engine's resolution.
 */
export function withPoolDemands(demands: readonly ResourceDemand[], poolsOf: ReadonlyMap<string, readonly string[]>): PooledDemands {
  const units = new Map<string, number>();
  for (const d of demands) units.set(d.resourceId, (units.get(d.resourceId) ?? 0) + d.units);
  const own = new Set(units.keys());
  const derived: string[] = [];
  for (const d of demands) {
    for (const pool of poolsOf.get(d.resourceId) ?? []) {
      if (pool === d.resourceId) continue;
      if (!units.has(pool)) derived.push(pool);
      units.set(pool, (units.get(pool) ?? 0) + d.units);
    }
  }
  return {
    demands: [...units].map(([resourceId, u]) => ({ resourceId, units: Math.round(u * 100) / 100 })),
    derivedOnly: derived.filter((p) => !own.has(p)),
  };
}
