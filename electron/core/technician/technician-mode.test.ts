import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/clock.ts';
import { loadConfig } from '../config/load-config.ts';
import { openAuditLog, verifyAuditFile } from '../audit/audit-log.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { PROJECT_ROOT } from '../testing/core-fixture.ts';
import { fileLockoutStore } from './lockout-store.ts';
import { TechnicianMode, type StaffCardPort } from './technician-mode.ts';
import { scriptedSections } from './testing/scripted-sections.ts';
import { hashPin, pinMatches } from './pin-hash.ts';

const GESTURE = ['top-start', 'top-end', 'bottom-end', 'bottom-start'] as const;
const TECHNICIAN_PIN = '246810';
const SUPERVISOR_PIN = '135790';

function setup(dir = mkdtempSync(join(tmpdir(), 'technician-')), sections: Partial<ReturnType<typeof scriptedSections>> = {}) {
  const { config } = loadConfig(resolve(PROJECT_ROOT, 'resources/config/default.json'), null);
  const clock = createManualClock();
  const audit = openAuditLog(join(dir, 'audit.log'), () => clock.now());
  const service = { inService: true, reason: undefined as string | undefined };
  let changes = 0;
  const mode = new TechnicianMode({
    config: config.technician,
    clock,
    logger: createMemoryLogger().logger,
    audit,
    lockout: fileLockoutStore(join(dir, 'lockout.json'), () => clock.now(), config.technician.lockoutMinutes * 60_000),
    ...scriptedSections(),
    ...sections,
    service: {
      state: () => ({ inService: service.inService, automatic: false, ...(service.reason ? { reason: service.reason } : {}) }),
      takeOut: (reason) => Object.assign(service, { inService: false, reason }),
      giveBack: () => Object.assign(service, { inService: true, reason: undefined }),
    },
    onChange: () => (changes += 1),
  });
  const gesture = () => GESTURE.forEach((corner) => mode.cornerTap(corner));
  const login = (pin: string) => mode.command({ command: 'login', pin });
  const actions = () => audit.recent(100).map((e) => e.action).reverse();
  return { dir, mode, clock, audit, service, gesture, login, actions, changes: () => changes };
}

describe('technician entry', () => {
  it('the development PINs in the shipped configuration are stored as scrypt hashes that match', () => {
    const { config } = loadConfig(resolve(PROJECT_ROOT, 'resources/config/default.json'), null);
    const raw = readFileSync(resolve(PROJECT_ROOT, 'resources/config/default.json'), 'utf8');
    expect(raw).not.toContain(TECHNICIAN_PIN);
    const PINS: Record<string, string> = { technician: TECHNICIAN_PIN, supervisor: SUPERVISOR_PIN, 'STAFF-0001': '102030', 'STAFF-0002': '405060' };
    expect(config.technician.pins.map((p) => [p.staffId ?? p.role, pinMatches(PINS[p.staffId ?? p.role]!, p)])).toEqual([
      ['technician', true],
      ['supervisor', true],
      ['STAFF-0001', true],
      ['STAFF-0002', true],
    ]);
    expect(pinMatches('000000', hashPin('246810'))).toBe(false);
  });

  it('the corner gesture in order opens the PIN screen; wrong order or too slow does not', () => {
    const t = setup();
    t.mode.cornerTap('top-start');
    t.mode.cornerTap('bottom-end');
    t.mode.cornerTap('top-end');
    t.mode.cornerTap('bottom-start');
    expect(t.mode.active).toBe(false);
    t.mode.cornerTap('top-start');
    t.mode.cornerTap('top-end');
    t.clock.advance(4_000);
    t.mode.cornerTap('bottom-end');
    t.mode.cornerTap('bottom-start');
    expect(t.mode.active).toBe(false);
    t.gesture();
    expect(t.mode.view()).toEqual({ phase: 'login', attemptsLeft: 5, canUseStaffCard: false });
  });

  it('a PIN decides the role; the audit log records the entry, never the PIN', () => {
    const t = setup();
    t.gesture();
    t.login(TECHNICIAN_PIN);
    expect(t.mode.view()).toMatchObject({ phase: 'open', role: 'technician', content: { section: 'overview' } });
    t.mode.command({ command: 'exit' });
    t.gesture();
    t.login(SUPERVISOR_PIN);
    expect(t.mode.view()).toMatchObject({ phase: 'open', role: 'supervisor' });
    expect(t.actions()).toEqual(['gesture', 'entry', 'exit', 'gesture', 'entry']);
    const text = readFileSync(t.audit.file, 'utf8');
    expect(text).not.toContain(TECHNICIAN_PIN);
    expect(text).not.toContain(SUPERVISOR_PIN);
  });

  it('five wrong PINs lock entry for 15 minutes, across a restart; then the count starts again', () => {
    const t = setup();
    t.gesture();
    for (let i = 0; i < 4; i++) t.login('111111');
    expect(t.mode.view()).toMatchObject({ phase: 'login', attemptsLeft: 1, error: { en: expect.stringContaining('not correct') } });
    t.login('111111');
    expect(t.mode.view()).toEqual({ phase: 'locked', minutesLeft: 15 });
    t.login(TECHNICIAN_PIN);
    expect(t.mode.view()).toMatchObject({ phase: 'locked' });
    // A restart (a new mode on the same data directory) is still locked.
    const again = setup(t.dir);
    again.clock.advance(t.clock.now() - again.clock.now());
    again.gesture();
    expect(again.mode.view()).toMatchObject({ phase: 'locked' });
    again.clock.advance(15 * 60_000);
    again.mode.command({ command: 'exit' });
    again.gesture();
    expect(again.mode.view()).toEqual({ phase: 'login', attemptsLeft: 5, canUseStaffCard: false });
    expect(t.actions().slice(0, 6)).toEqual(['gesture', 'pin-wrong', 'pin-wrong', 'pin-wrong', 'pin-wrong', 'lockout']);
  });

  it('a corrupt lockout file counts as locked (it cannot be used to clear the count)', () => {
    const t = setup();
    writeFileSync(join(t.dir, 'lockout.json'), '{garbage');
    t.gesture();
    expect(t.mode.view()).toMatchObject({ phase: 'locked' });
  });

  it('leaves by itself after the idle time, and says so in the audit log', () => {
    const t = setup();
    t.gesture();
    t.login(TECHNICIAN_PIN);
    t.clock.advance(119_000);
    expect(t.mode.active).toBe(true);
    t.clock.advance(2_000);
    expect(t.mode.active).toBe(false);
    expect(t.changes()).toBe(1);
    expect(t.actions().at(-1)).toBe('exit-idle');
  });

  it('activity on the screen (touches) keeps it open', () => {
    const t = setup();
    t.gesture();
    t.login(TECHNICIAN_PIN);
    t.clock.advance(100_000);
    t.mode.activity();
    t.clock.advance(100_000);
    expect(t.mode.active).toBe(true);
  });
});

describe('technician actions', () => {
  it('out of service with a reason and back, each in the audit log', () => {
    const t = setup();
    t.gesture();
    t.login(TECHNICIAN_PIN);
    t.mode.command({ command: 'setOutOfService', reason: 'Paper roll replaced' });
    expect(t.service).toMatchObject({ inService: false, reason: 'Paper roll replaced' });
    expect(t.mode.view()).toMatchObject({ content: { section: 'service', inService: false, reason: 'Paper roll replaced' }, notice: { tone: 'success' } });
    t.mode.command({ command: 'returnToService' });
    expect(t.service.inService).toBe(true);
    expect(t.audit.recent(2).map((e) => [e.action, e.role])).toEqual([
      ['back-in-service', 'technician'],
      ['out-of-service', 'technician'],
    ]);
  });

  it('settlement is for supervisors: a technician is refused, and the refusal is audited', () => {
    const t = setup();
    t.gesture();
    t.login(TECHNICIAN_PIN);
    t.mode.command({ command: 'settle' });
    expect(t.mode.view()).toMatchObject({ notice: { tone: 'error', text: { en: 'Only a supervisor can do this.' } } });
    expect(t.actions().at(-1)).toBe('refused-role');
  });

  it('verifies the audit chain on screen, and finds a tampered line', async () => {
    const t = setup();
    t.gesture();
    t.login(TECHNICIAN_PIN);
    t.mode.command({ command: 'verifyAudit' });
    // The chain on the machine at once; the gateway's heads a moment later.
    expect(t.mode.view()).toMatchObject({ busy: true, content: { section: 'audit', verification: { ok: true, checked: 2, anchor: 'checking' } } });
    await new Promise((r) => setImmediate(r));
    expect(t.mode.view()).toMatchObject({ busy: false, content: { verification: { ok: true, checked: 2, anchor: 'none' } } });
    expect(t.audit.recent(1)[0]?.detail).toBe('2 entries intact; gateway heads: none');
    const lines = readFileSync(t.audit.file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('PIN accepted', 'PIN accepted (edited)');
    writeFileSync(t.audit.file, lines.join('\n'));
    t.mode.command({ command: 'verifyAudit' });
    await new Promise((r) => setImmediate(r));
    expect(t.mode.view()).toMatchObject({ content: { verification: { ok: false, firstBrokenSeq: 2 } }, notice: { tone: 'error', text: { en: expect.stringContaining('line 2') } } });
  });

  it('a chain intact on the machine but missing a head the gateway was sent is reported as cut short', async () => {
    const t = setup(undefined, { checkAuditAnchors: async () => ({ state: 'truncated', seq: 7, localEntries: 3 }) });
    t.gesture();
    t.login(TECHNICIAN_PIN);
    t.mode.command({ command: 'verifyAudit' });
    await new Promise((r) => setImmediate(r));
    expect(t.mode.view()).toMatchObject({
      content: { verification: { ok: false, anchor: 'truncated', anchorSeq: 7 } },
      notice: { tone: 'error', text: { en: 'The audit log has been cut short: entry 7 was sent to the gateway but is no longer in the log.' } },
    });
    expect(t.audit.recent(1)[0]?.detail).toContain('gateway heads: truncated at 7');
  });

  it('a gateway that cannot be reached leaves the local verdict, said as such', async () => {
    const t = setup(undefined, { checkAuditAnchors: async () => ({ state: 'unreachable' }) });
    t.gesture();
    t.login(TECHNICIAN_PIN);
    t.mode.command({ command: 'verifyAudit' });
    await new Promise((r) => setImmediate(r));
    expect(t.mode.view()).toMatchObject({ content: { verification: { ok: true, anchor: 'unreachable' } }, notice: { tone: 'info', text: { en: expect.stringContaining('could not be reached') } } });
  });

  it('nothing but login is accepted before the PIN', () => {
    const t = setup();
    t.gesture();
    expect(t.mode.command({ command: 'setOutOfService', reason: 'x' })).toMatchObject({ ok: false });
    expect(t.service.inService).toBe(true);
  });
});

describe('entry with a staff card', () => {
  const STAFF_TECHNICIAN_PIN = '102030';
  /** A reader that hands over the scripted card and has it taken back at once. */
  const reader = (card: Awaited<ReturnType<StaffCardPort['read']>>, back: 'taken' | 'retained' = 'taken') => {
    const calls: string[] = [];
    const port: StaffCardPort = {
      read: async () => (calls.push('read'), card),
      giveBack: async () => (calls.push('give back'), back),
    };
    return { port, calls };
  };
  const flush = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };

  it('the card names the staff member, is given back, and then only their own PIN opens; the audit log names them', async () => {
    const card = reader({ kind: 'staff', staffId: 'STAFF-0001', role: 'technician' });
    const t = setup(undefined, { staffCard: card.port });
    t.gesture();
    expect(t.mode.view()).toMatchObject({ phase: 'login', canUseStaffCard: true });
    t.mode.command({ command: 'useStaffCard' });
    expect(t.mode.view()).toMatchObject({ phase: 'login', staffCard: { state: 'waiting' } });
    await flush();
    expect(card.calls).toEqual(['read', 'give back']);
    expect(t.mode.view()).toMatchObject({ phase: 'login', staffCard: { state: 'read', staffId: 'STAFF-0001' } });
    // A role PIN is not that staff member's PIN.
    t.login(TECHNICIAN_PIN);
    expect(t.mode.view()).toMatchObject({ phase: 'login', error: { en: 'That technician PIN is not correct.' }, staffCard: { state: 'read' } });
    t.login(STAFF_TECHNICIAN_PIN);
    expect(t.mode.view()).toMatchObject({ phase: 'open', role: 'technician' });
    // Moving between sections keeps who signed in.
    t.mode.command({ command: 'open', section: 'journal' });
    t.mode.command({ command: 'searchJournal', reference: 'KSK-2026-0001' });
    t.mode.command({ command: 'setOutOfService', reason: 'Paper refill' });
    expect(t.audit.recent(4).map((e) => [e.action, e.staff])).toEqual([
      ['out-of-service', 'STAFF-0001'],
      ['journal-search', 'STAFF-0001'],
      ['entry', 'STAFF-0001'],
      ['pin-wrong', 'STAFF-0001'],
    ]);
    expect(verifyAuditFile(t.audit.file)).toMatchObject({ ok: true });
  });

  it("a staff member's PIN without their card does not open: it is not a role PIN", () => {
    const t = setup(undefined, { staffCard: reader({ kind: 'not-staff' }).port });
    t.gesture();
    t.login(STAFF_TECHNICIAN_PIN);
    expect(t.mode.view()).toMatchObject({ phase: 'login', error: { en: 'That technician PIN is not correct.' } });
  });

  it("a citizen's ID card is not a staff card: given back, said so, audited", async () => {
    const card = reader({ kind: 'not-staff' });
    const t = setup(undefined, { staffCard: card.port });
    t.gesture();
    t.mode.command({ command: 'useStaffCard' });
    await flush();
    expect(card.calls).toEqual(['read', 'give back']);
    expect(t.mode.view()).toMatchObject({ phase: 'login', staffCardError: { en: expect.stringContaining('not a staff card') } });
    // Not a PIN error: no try is used up.
    expect(t.mode.view()).toMatchObject({ attemptsLeft: 5 });
    expect(t.mode.view()).not.toHaveProperty('error');
    expect(t.mode.view()).not.toHaveProperty('staffCard');
    expect(t.actions().at(-1)).toBe('staff-card-refused');
  });

  it('a staff number this kiosk does not know is refused; a card left in the reader is retained and said so', async () => {
    const unknown = setup(undefined, { staffCard: reader({ kind: 'staff', staffId: 'STAFF-0099', role: 'supervisor' }).port });
    unknown.gesture();
    unknown.mode.command({ command: 'useStaffCard' });
    await flush();
    expect(unknown.mode.view()).toMatchObject({ staffCardError: { en: 'This staff card is not registered on this kiosk.' } });
    const left = setup(undefined, { staffCard: reader({ kind: 'staff', staffId: 'STAFF-0001', role: 'technician' }, 'retained').port });
    left.gesture();
    left.mode.command({ command: 'useStaffCard' });
    await flush();
    expect(left.mode.view()).toMatchObject({ staffCardError: { en: expect.stringContaining('retained') } });
    expect(left.actions()).toContain('staff-card-retained');
  });

  it('without a card reader the card is not offered', () => {
    const t = setup();
    t.gesture();
    expect(t.mode.view()).toMatchObject({ canUseStaffCard: false });
    expect(t.mode.command({ command: 'useStaffCard' })).toMatchObject({ ok: false });
  });
});

describe('self-tests and settlement', () => {
  it('a self-test runs, its result shows on the device and in a notice, and goes to the audit log; a failing device says why', async () => {
    const t = setup();
    t.gesture();
    t.login(TECHNICIAN_PIN);
    t.mode.command({ command: 'selfTest', device: 'scanner' });
    expect(t.mode.view()).toMatchObject({ busy: true });
    expect(t.mode.command({ command: 'selfTest', device: 'keypad' })).toMatchObject({ ok: false });
    await new Promise((r) => setImmediate(r));
    expect(t.mode.view()).toMatchObject({ busy: false, notice: { tone: 'error', text: { en: 'Self-test failed: unplugged' } } });
    expect(t.actions().at(-1)).toBe('self-test');
    expect(t.audit.recent(1)[0]?.detail).toContain('scanner: failed');
  });

  it('settlement on demand: the report is on screen while it prints, then the outcome says whether the paper came out', async () => {
    let finishPrinting: (printed: boolean) => void = () => {};
    const printing = new Promise<boolean>((resolve) => (finishPrinting = resolve));
    const t = setup(undefined, { settle: async () => ({ reconciled: true, lines: { ar: ['تمت'], en: ['Settled'] }, print: () => printing }) });
    t.gesture();
    t.login(SUPERVISOR_PIN);
    t.mode.command({ command: 'settle' });
    await new Promise((r) => setImmediate(r));
    expect(t.mode.view('ar')).toMatchObject({ busy: true, content: { section: 'settlement', canSettle: true, last: { reconciled: true, report: 'printing', lines: ['تمت'] } } });
    expect(t.mode.view('en')).toMatchObject({ notice: { tone: 'info', text: { en: expect.stringContaining('printing now') } } });
    finishPrinting(false);
    await new Promise((r) => setImmediate(r));
    expect(t.mode.view('en')).toMatchObject({ busy: false, content: { last: { report: 'not-printed', lines: ['Settled'] } }, notice: { tone: 'error', text: { en: expect.stringContaining('not printed') } } });
    expect(t.audit.recent(1)[0]).toMatchObject({ role: 'supervisor', action: 'settlement', detail: 'reconciled; report not printed' });
  });
});
