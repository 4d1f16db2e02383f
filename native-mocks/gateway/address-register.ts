import type { FictionalPerson } from '../people/fictional-people.ts';

/**
 * The simulated address register: every fictional person's address, plus a
 * few more buildings to move to. Blocks 997–999 and roads 99xx are our
 * invented test area; the area names say so.
 */
export interface LocalizedText {
  ar: string;
  en: string;
}

export interface AddressMatch {
  block: string;
  road: string;
  building: string;
  flat: string | null;
  area: LocalizedText;
}

interface Building {
  block: string;
  road: string;
  building: string;
  /** null for a house (no flats). */
  flats: string[] | null;
}

const AREAS: Record<string, LocalizedText> = {
  '997': { ar: 'المنطقة التجريبية الشرقية', en: 'Test Area East' },
  '998': { ar: 'المنطقة التجريبية الجنوبية', en: 'Test Area South' },
  '999': { ar: 'المنطقة التجريبية الشمالية', en: 'Test Area North' },
};

const EXTRA_BUILDINGS: Building[] = [
  { block: '997', road: '9971', building: '12A', flats: ['1', '2', '3', '21'] },
  { block: '997', road: '9971', building: '14', flats: null },
  { block: '997', road: '9972', building: '1001', flats: ['1A', '1B'] },
];

export interface AddressRegister {
  find(query: { block: string; road: string; building: string; flat?: string | null }): AddressMatch[];
}

export function createAddressRegister(people: readonly FictionalPerson[]): AddressRegister {
  const buildings = new Map<string, Building>();
  const keyOf = (b: { block: string; road: string; building: string }) => `${b.block}/${b.road}/${b.building}`;
  for (const b of EXTRA_BUILDINGS) buildings.set(keyOf(b), { ...b, flats: b.flats ? [...b.flats] : null });
  for (const { address } of people) {
    const existing = buildings.get(keyOf(address));
    if (!existing) buildings.set(keyOf(address), { ...address, flats: address.flat === null ? null : [address.flat] });
    else if (address.flat !== null && existing.flats && !existing.flats.includes(address.flat)) existing.flats.push(address.flat);
  }
  return {
    find(query) {
      const building = buildings.get(keyOf(query));
      if (!building) return [];
      const area = AREAS[building.block] ?? { ar: 'منطقة تجريبية', en: 'Test Area' };
      const base = { block: building.block, road: building.road, building: building.building, area };
      if (building.flats === null) return query.flat ? [] : [{ ...base, flat: null }];
      const flats = query.flat ? building.flats.filter((f) => f === query.flat) : building.flats;
      return flats.map((flat) => ({ ...base, flat }));
    },
  };
}
