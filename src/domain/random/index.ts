/** Seeded pseudo-random numbers and distributions: deterministic for a seed on every platform. */
export { Prng, createPrng, normalizeSeed, type Seed } from './prng.js';
export { createSeededRng } from './mulberry32.js';
export { RandomParameterError } from './random-error.js';
export { BETA_TABLE_STRIPS, createBetaTables, writeBetaTable, sampleBetaTable, fillBetaTable, type BetaTables } from './beta-table.js';
export {
  validateThreePoint,
  validateProbability,
  sampleUniform,
  sampleNormal,
  sampleBernoulli,
  sampleTriangular,
  triangularQuantile,
  triangularCdf,
  triangularMean,
  triangularVariance,
  sampleGamma,
  sampleGammaAtLeastOne,
  sampleGammaPrepared,
  sampleBeta,
  pertShape,
  samplePert,
  pertMean,
  pertVariance,
} from './distributions.js';
