import highsModule, { type Highs } from 'highs';

type Loader = () => Promise<Highs>;

// `highs` ships a CommonJS type declaration with an ESM build: at run time the default import is
// the loader itself, while TypeScript (NodeNext) sees the CommonJS namespace. Accept both shapes.
const loader: Loader =
  typeof highsModule === 'function'
    ? (highsModule as unknown as Loader)
    : ((highsModule as unknown as { default: Loader }).default);

let cached: Promise<Highs> | null = null;

/** Loads the HiGHS WebAssembly solver once per process; later calls reuse the instance. */
export function loadHighsSolver(): Promise<Highs> {
  if (!cached) {
    cached = loader().catch((err: unknown) => {
      cached = null;
      throw err;
    });
  }
  return cached;
}
