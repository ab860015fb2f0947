import { choleskyLower } from './iman-conover.js';
import { listOf } from './input-list.js';
import { MonteCarloInputError } from './montecarlo-error.js';
import type { McNetwork } from './montecarlo-types.js';

/** Validates correlation groups and builds their full target matrices (row-major k x k). */
export function compileCorrelationGroups(network: McNetwork, taskIndex: Map<string, number>, topoOf: Int32Array): Array<{ tasks: Int32Array; matrix: Float64Array; cholesky: Float64Array }> {
  const seen = new Set<string>();
  return listOf(network.correlationGroups, 'correlationGroups', 'MC_INVALID_CORRELATION').map((g, gi) => {
    const path = `correlationGroups[${gi}]`;
    if (!Array.isArray(g.taskIds) || g.taskIds.length < 2) {
      throw new MonteCarloInputError('MC_INVALID_CORRELATION', 'a correlation group needs at least two tasks', `${path}.taskIds`);
    }
    const k = g.taskIds.length;
    const tasks = new Int32Array(k);
    g.taskIds.forEach((id, j) => {
      const t = taskIndex.get(id);
      if (t === undefined) throw new MonteCarloInputError('MC_UNKNOWN_TASK', `unknown task "${id}"`, `${path}.taskIds[${j}]`);
      if (seen.has(id)) throw new MonteCarloInputError('MC_INVALID_CORRELATION', `task "${id}" is in more than one correlation group`, `${path}.taskIds[${j}]`);
      seen.add(id);
      tasks[j] = topoOf[t];
    });
    const matrix = new Float64Array(k * k);
    if (g.matrix !== undefined) {
      if (!Array.isArray(g.matrix) || g.matrix.length !== k || g.matrix.some((r) => !Array.isArray(r) || r.length !== k)) {
        throw new MonteCarloInputError('MC_INVALID_CORRELATION', `matrix must be ${k} x ${k}`, `${path}.matrix`);
      }
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const v = g.matrix[i][j];
          if (typeof v !== 'number' || !(v >= -1 && v <= 1)) throw new MonteCarloInputError('MC_INVALID_CORRELATION', `entries must be in [-1, 1]`, `${path}.matrix[${i}][${j}]`);
          if (i === j && v !== 1) throw new MonteCarloInputError('MC_INVALID_CORRELATION', 'diagonal must be 1', `${path}.matrix[${i}][${i}]`);
          if (Math.abs(v - g.matrix[j][i]) > 1e-12) throw new MonteCarloInputError('MC_INVALID_CORRELATION', 'matrix must be symmetric', `${path}.matrix[${i}][${j}]`);
          matrix[i * k + j] = v;
        }
      }
    } else {
      const c = g.coefficient;
      if (typeof c !== 'number' || !(c >= -1 && c <= 1)) {
        throw new MonteCarloInputError('MC_INVALID_CORRELATION', `coefficient must be in [-1, 1], got ${String(c)}`, `${path}.coefficient`);
      }
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) matrix[i * k + j] = i === j ? 1 : c;
    }
    const cholesky = choleskyLower(matrix, k);
    if (!cholesky) {
      throw new MonteCarloInputError(
        'MC_INVALID_CORRELATION',
        `correlation matrix is not positive semi-definite (an equal coefficient c over ${k} tasks needs c >= ${(-1 / (k - 1)).toFixed(4)})`,
        path,
      );
    }
    return { tasks, matrix, cholesky };
  });
}
