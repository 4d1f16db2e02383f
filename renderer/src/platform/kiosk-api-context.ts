import { createContext, useContext } from 'react';
import type { KioskApi } from '../../../electron/contract/index.ts';

/** The page's one way to the core, provided at the root (window.kiosk from either shell). */
export const KioskApiContext = createContext<KioskApi | null>(null);

export function useKioskApi(): KioskApi {
  const api = useContext(KioskApiContext);
  if (!api) throw new Error('KioskApiContext is missing');
  return api;
}
