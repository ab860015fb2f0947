/**
 * Tables for the 128-layer ziggurat normal sampler (Marsaglia & Tsang 2000), built once at load with
 * sqrt/exp/log. Following Doornik (2005), the layer index and the value use different bits of the draw:
 * index = low 7 bits, value = the signed top 25 bits (scale 2^24).
 */
const LAYERS = 128;
const SCALE = 2 ** 24;
/** Right edge of the base layer. */
export const ZIGGURAT_R = 3.442619855899;

/** Integer acceptance thresholds per layer (compare with |j|). */
export const ZIGGURAT_K = new Float64Array(LAYERS);
/** Layer widths divided by SCALE: x = j * W[i]. */
export const ZIGGURAT_W = new Float64Array(LAYERS);
/** Density at the layer edges. */
export const ZIGGURAT_F = new Float64Array(LAYERS);

(function buildTables() {
  const vn = 9.91256303526217e-3;
  let dn = ZIGGURAT_R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  ZIGGURAT_K[0] = (dn / q) * SCALE;
  ZIGGURAT_K[1] = 0;
  ZIGGURAT_W[0] = q / SCALE;
  ZIGGURAT_W[LAYERS - 1] = dn / SCALE;
  ZIGGURAT_F[0] = 1;
  ZIGGURAT_F[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    ZIGGURAT_K[i + 1] = (dn / tn) * SCALE;
    tn = dn;
    ZIGGURAT_F[i] = Math.exp(-0.5 * dn * dn);
    ZIGGURAT_W[i] = dn / SCALE;
  }
})();
