import type { KioskApi } from '../electron/contract/index.ts';

declare global {
  interface Window {
    kiosk: KioskApi;
  }
}
