import type { TechnicianDeps } from '../technician-mode.ts';

/**
 * The section providers of technician mode, scripted for unit tests: fixed
 * counters and overview, an export that fails for "/missing", a self-test that
 * fails for the scanner, a settlement that reconciles but does not print,
 * a gateway that holds no audit heads, no card reader for staff cards.
 */
export function scriptedSections(): Pick<TechnicianDeps, 'overview' | 'recovered' | 'counters' | 'searchJournal' | 'acknowledge' | 'configFields' | 'saveConfig' | 'exportLogs' | 'selfTest' | 'settle' | 'checkAuditAnchors' | 'staffCard'> {
  return {
    overview: () => ({ inService: true, journal: { state: 'ok', detail: { ar: 'ع', en: 'ok' } }, gateway: { state: 'ok', detail: { ar: 'ع', en: 'ok' } }, devices: [] }),
    recovered: () => [],
    counters: () => ({ receiptsPrinted: 3, paperLeftEstimate: 247, cardsCaptured: 0, captureBinCapacity: 50, captureReasons: [], servicesToday: [], paymentsToday: { count: 0, totalFils: 0, reversedCount: 0, reversedFils: 0 } }),
    searchJournal: (query) => ({ today: '2026-11-23', query, entries: [], truncated: false }),
    acknowledge: () => {},
    configFields: () => [],
    saveConfig: () => ({ ok: true, restartNeeded: false, changed: [] }),
    exportLogs: async (path) => (path === '/missing' ? { ok: false, reason: 'missing', detail: path } : { ok: true, path: `${path}/logs.tar.gz`, bytes: 1234 }),
    selfTest: async (device) => (device === 'scanner' ? { passed: false, summary: { ar: 'فشل', en: 'Self-test failed: unplugged' } } : { passed: true, summary: { ar: 'نجح', en: 'Self-test passed' } }),
    settle: async () => ({ reconciled: true, lines: { ar: ['تمت'], en: ['Settled'] }, print: async () => false }),
    checkAuditAnchors: async () => ({ state: 'none' }),
    staffCard: null,
  };
}
