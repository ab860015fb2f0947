import { describe, expect, it } from 'vitest';
import { withPoolDemands, type PooledDemands, type ResourceDemand } from './pool-demand.js';

const pools = new Map<string, string[]>([
  ['person:ann', ['role:tester']],
  ['person:bo', ['role:tester', 'role:dev']],
]);

describe('holders named work drawn from their pools', () => {
  it.each<[string, ResourceDemand[], PooledDemands]>([
    ['no demands', [], { demands: [], derivedOnly: [] }],
    ['someone in no pool', [{ resourceId: 'person:cy', units: 1 }], { demands: [{ resourceId: 'person:cy', units: 1 }], derivedOnly: [] }],
    ['a holder by name also draws on the pool', [{ resourceId: 'person:ann', units: 0.5 }], { demands: [{ resourceId: 'person:ann', units: 0.5 }, { resourceId: 'role:tester', units: 0.5 }], derivedOnly: ['role:tester'] }],
    ['a holder of two roles draws on both pools', [{ resourceId: 'person:bo', units: 1 }], { demands: [{ resourceId: 'person:bo', units: 1 }, { resourceId: 'role:tester', units: 1 }, { resourceId: 'role:dev', units: 1 }], derivedOnly: ['role:tester', 'role:dev'] }],
    [
      'a placeholder and a holder on one task add up on the pool, which is not derived only',
      [{ resourceId: 'role:tester', units: 1 }, { resourceId: 'person:ann', units: 0.5 }],
      { demands: [{ resourceId: 'role:tester', units: 1.5 }, { resourceId: 'person:ann', units: 0.5 }], derivedOnly: [] },
    ],
    [
      'two holders on one task add up',
      [{ resourceId: 'person:ann', units: 1 }, { resourceId: 'person:bo', units: 0.25 }],
      { demands: [{ resourceId: 'person:ann', units: 1 }, { resourceId: 'person:bo', units: 0.25 }, { resourceId: 'role:tester', units: 1.25 }, { resourceId: 'role:dev', units: 0.25 }], derivedOnly: ['role:tester', 'role:dev'] },
    ],
    ['units round to hundredths', [{ resourceId: 'person:ann', units: 1 / 3 }], { demands: [{ resourceId: 'person:ann', units: 0.33 }, { resourceId: 'role:tester', units: 0.33 }], derivedOnly: ['role:tester'] }],
  ])('%s', (_n, demands, expected) => {
    expect(withPoolDemands(demands, pools)).toEqual(expected);
  });

  it('does not change its input', () => {
    const demands = [{ resourceId: 'person:ann', units: 1 }];
    withPoolDemands(demands, pools);
    expect(demands).toEqual([{ resourceId: 'person:ann', units: 1 }]);
  });
});
