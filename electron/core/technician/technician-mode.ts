import type { Corner, DeviceId, IntentResult, Language, LocalizedText, TechnicianCommand, TechnicianContent, TechnicianRole, TechnicianSection, TechnicianView } from '../../contract/index.ts';
import type { Clock, TimerHandle } from '../clock/clock.ts';
import type { KioskConfig } from '../config/config-schema.ts';
import type { Logger } from '../log/logger.ts';
import type { AuditEntry, AuditLog } from '../audit/audit-log.ts';
import { verifyAuditFile } from '../audit/audit-log.ts';
import type { LockoutStore } from './lockout-store.ts';
import { pinMatches } from './pin-hash.ts';
import { TECH_TEXT } from './technician-texts.ts';
import type { SelfTestOutcome, SettlementOutcome } from './device-actions.ts';
import type { AnchorCheck } from '../audit/audit-anchor.ts';
import type { LogExportResult } from './log-export.ts';
import type { SaveResult } from './config-editor.ts';


type Overview = Extract<TechnicianContent, { section: 'overview' }>;
type Recovery = Extract<TechnicianContent, { section: 'recovery' }>['runs'];

/** What technician mode reads and switches in the rest of the kiosk. */
export interface TechnicianDeps {
  config: KioskConfig['technician'];
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  lockout: LockoutStore;
  /** Devices, journal and gateway as they are now. */
  overview: () => Omit<Overview, 'section'>;
  recovered: () => Recovery;
  service: {
    state(): { inService: boolean; reason?: string; automatic: boolean };
    takeOut(reason: string): void;
    giveBack(): void;
  };
  counters: () => Omit<Extract<TechnicianContent, { section: 'counters' }>, 'section'>;
  searchJournal: (query: { from?: string; to?: string; reference?: string }) => Omit<Extract<TechnicianContent, { section: 'journal' }>, 'section'>;
  /** Records the acknowledgement (a journal event) that resets a counter. */
  acknowledge: (what: 'paper-refilled' | 'capture-bin-emptied') => void;
  configFields: (errors?: Record<string, LocalizedText>) => Extract<TechnicianContent, { section: 'config' }>['fields'];
  saveConfig: (values: Record<string, string | number | boolean>) => SaveResult;
  /** Writes the redacted logs archive to the path; never throws. */
  exportLogs: (path: string) => Promise<LogExportResult>;
  /** A device's self-test (the receipt printer also prints a test slip). */
  selfTest: (device: DeviceId) => Promise<SelfTestOutcome>;
  /** The audit chain against the heads the gateway holds (never rejects). */
  checkAuditAnchors: () => Promise<AnchorCheck>;
  /** End-of-day settlement now: the report's lines in both languages, and its printing. */
  settle: () => Promise<SettlementOutcome>;
  /** The card reader, for entry with a staff card; null when there is none. */
  staffCard: StaffCardPort | null;
  /** The view changed outside a command (idle exit, lockout over, a self-test finished). */
  onChange: () => void;
}

/**
 * Sections this build offers. Counters, journal search, settlement, logs
 * export and configuration are in the contract and still to be built (see
 * docs/technician.md); a role never sees a section it may not open.
 */
const SECTIONS: Record<TechnicianRole, TechnicianSection[]> = {
  technician: ['overview', 'counters', 'journal', 'service', 'settlement', 'logs', 'recovery', 'audit'],
  supervisor: ['overview', 'counters', 'journal', 'service', 'settlement', 'logs', 'config', 'recovery', 'audit'],
};

/** What technician mode needs of the card reader to read a staff card and give it back. */
export interface StaffCardPort {
  read(signal: AbortSignal): Promise<{ kind: 'staff'; staffId: string; role: TechnicianRole } | { kind: 'not-staff' } | { kind: 'timeout' } | { kind: 'failed' }>;
  giveBack(signal: AbortSignal): Promise<'taken' | 'retained' | 'failed'>;
}

type Notice = { tone: 'success' | 'error' | 'info'; text: LocalizedText };
type StaffCardState = { state: 'waiting' | 'returning' | 'read'; staffId?: string };
type Verification = NonNullable<Extract<TechnicianContent, { section: 'audit' }>['verification']>;
type Phase = { kind: 'closed' } | { kind: 'login'; error?: LocalizedText; cardError?: LocalizedText; staffCard?: StaffCardState } | { kind: 'locked' } | { kind: 'open'; role: TechnicianRole; staff?: string; section: TechnicianSection; notice?: Notice; verification?: Verification; query?: { from?: string; to?: string; reference?: string }; configErrors?: Record<string, LocalizedText> };

const ok: IntentResult = { ok: true };
const refused = (message: string): IntentResult => ({ ok: false, code: 'refused', message });

/**
 * Technician diagnostics mode: the hidden corner gesture, the PIN (hashed in
 * config; lockout after too many wrong ones, persisted), two roles, idle
 * exit, and the sections. Every action goes to the hash-chained audit log
 * before it is reported done. The citizen side is never touched except
 * through `service` (out of service and back).
 */
export class TechnicianMode {
  readonly #deps: TechnicianDeps;
  #phase: Phase = { kind: 'closed' };
  #gestureProgress = 0;
  #lastTapAt = 0;
  #idle: TimerHandle | undefined;
  #busy = false;
  /** Aborts a staff card read when the technician leaves (exit, idle). */
  #cardRead: AbortController | null = null;
  readonly #selfTests = new Map<DeviceId, { passed: boolean; at: string; summary: LocalizedText }>();
  #restartPending = false;
  #lastExport: { path: string; bytes: number; at: string } | null = null;
  #lastSettlement: { at: string; reconciled: boolean; report: 'printing' | 'printed' | 'not-printed'; lines: Record<Language, string[]> } | null = null;

  constructor(deps: TechnicianDeps) {
    this.#deps = deps;
  }

  /** Login, lockout or open: the technician screen is showing and no citizen may start. */
  get active(): boolean {
    return this.#phase.kind !== 'closed';
  }

  /** Any touch on the technician screen keeps the mode open (typing a reference is activity too). */
  activity(): void {
    if (this.active) this.#armIdle();
  }

  /** A corner tap while a citizen is served: refused, and noted (someone may be trying the gesture). */
  tapDuringSession(): IntentResult {
    this.#deps.audit.append({ role: 'none', action: 'gesture-during-session', detail: 'corner tap refused while a citizen was served' });
    return refused('a citizen is being served');
  }

  cornerTap(corner: Corner): IntentResult {
    if (this.active) return ok;
    const { gesture, gestureStepSeconds } = this.#deps.config;
    const now = this.#deps.clock.now();
    const inTime = this.#gestureProgress === 0 || now - this.#lastTapAt <= gestureStepSeconds * 1000;
    this.#lastTapAt = now;
    if (inTime && gesture[this.#gestureProgress] === corner) this.#gestureProgress += 1;
    else this.#gestureProgress = gesture[0] === corner ? 1 : 0;
    if (this.#gestureProgress < gesture.length) return ok;
    this.#gestureProgress = 0;
    this.#deps.audit.append({ role: 'none', action: 'gesture', detail: 'entry gesture completed' });
    this.#phase = this.#lockedNow() ? { kind: 'locked' } : { kind: 'login' };
    this.#armIdle();
    return ok;
  }

  command(command: TechnicianCommand): IntentResult {
    if (!this.active) return refused('technician mode is not open');
    this.#armIdle();
    if (command.command === 'exit') return this.#exit('exit');
    const phase = this.#phase;
    if (phase.kind === 'locked') {
      if (!this.#lockedNow()) this.#phase = { kind: 'login' };
      return command.command === 'login' && !this.#lockedNow() ? this.#login(command.pin) : refused('locked');
    }
    if (phase.kind === 'login') {
      if (command.command === 'useStaffCard') return this.#useStaffCard();
      return command.command === 'login' ? this.#login(command.pin) : refused('log in first');
    }
    if (phase.kind !== 'open') return refused('closed');
    const may = SECTIONS[phase.role];
    if (this.#busy) return refused('busy');
    switch (command.command) {
      case 'selfTest':
        this.#runSelfTest(command.device);
        return ok;
      case 'exportLogs':
        this.#runExport(command.path);
        return ok;
      case 'acknowledge':
        this.#deps.acknowledge(command.what);
        this.#audit({ action: command.what, detail: '' });
        this.#phase = { ...phase, section: 'counters', notice: { tone: 'success', text: command.what === 'paper-refilled' ? TECH_TEXT.paperRefilled : TECH_TEXT.binEmptied } };
        return ok;
      case 'searchJournal': {
        const { command: _command, ...query } = command;
        this.#audit({ action: 'journal-search', detail: JSON.stringify(query).slice(0, 200) });
        this.#phase = { ...this.#signedIn(phase), section: 'journal', query };
        return ok;
      }
      case 'login':
        return ok;
      case 'open':
        if (!may.includes(command.section)) return refused('section not available');
        this.#phase = { ...this.#signedIn(phase), section: command.section };
        return ok;
      case 'setOutOfService': {
        this.#audit({ action: 'out-of-service', detail: command.reason });
        this.#deps.service.takeOut(command.reason);
        this.#phase = { ...phase, section: 'service', notice: { tone: 'success', text: TECH_TEXT.outOfServiceDone } };
        return ok;
      }
      case 'returnToService': {
        this.#audit({ action: 'back-in-service', detail: this.#deps.service.state().automatic ? 'cleared an automatic out-of-service' : '' });
        this.#deps.service.giveBack();
        this.#phase = { ...phase, section: 'service', notice: { tone: 'success', text: TECH_TEXT.backInServiceDone } };
        return ok;
      }
      case 'verifyAudit':
        this.#verifyAudit();
        return ok;
      case 'settle':
        if (phase.role !== 'supervisor') {
          this.#audit({ action: 'refused-role', detail: 'settle' });
          this.#phase = { ...phase, notice: { tone: 'error', text: TECH_TEXT.supervisorOnly } };
          return ok;
        }
        this.#runSettlement();
        return ok;
      case 'saveConfig':
        if (phase.role !== 'supervisor') {
          this.#audit({ action: 'refused-role', detail: command.command });
          this.#phase = { ...phase, notice: { tone: 'error', text: TECH_TEXT.supervisorOnly } };
          return ok;
        }
        return this.#saveConfig(phase, command.values);
      default:
        this.#phase = { ...phase, notice: { tone: 'info', text: TECH_TEXT.notInThisBuild } };
        return ok;
    }
  }

  #runSelfTest(device: DeviceId): void {
    const who = this.#who();
    this.#busy = true;
    this.#deps
      .selfTest(device)
      .catch((): SelfTestOutcome => ({ passed: false, summary: { ar: 'تعذّر تشغيل الاختبار.', en: 'The self-test could not run.' } }))
      .then((outcome) => {
        this.#busy = false;
        this.#selfTests.set(device, { passed: outcome.passed, at: new Date(this.#deps.clock.now()).toISOString(), summary: outcome.summary });
        this.#audit({ action: 'self-test', detail: `${device}: ${outcome.passed ? 'passed' : 'failed'} — ${outcome.summary.en}` }, who);
        if (this.#phase.kind === 'open') this.#phase = { ...this.#phase, notice: { tone: outcome.passed ? 'success' : 'error', text: outcome.summary } };
        this.#deps.onChange();
      });
  }

  #saveConfig(phase: Extract<Phase, { kind: 'open' }>, values: Record<string, string | number | boolean>): IntentResult {
    const result = this.#deps.saveConfig(values);
    if (!result.ok) {
      this.#audit({ action: 'config-refused', detail: Object.keys(result.errors).join(', ') });
      this.#phase = { ...this.#signedIn(phase), section: 'config', configErrors: result.errors, notice: { tone: 'error', text: TECH_TEXT.configRefused } };
      return ok;
    }
    if (result.restartNeeded) this.#restartPending = true;
    this.#audit({ action: 'config-changed', detail: result.changed.map((key) => `${key}=${String(values[key])}`).join(', ').slice(0, 300) });
    this.#phase = { ...this.#signedIn(phase), section: 'config', notice: { tone: 'success', text: result.restartNeeded ? TECH_TEXT.configSavedRestart : TECH_TEXT.configSaved } };
    return ok;
  }

  #runExport(path: string): void {
    const who = this.#who();
    this.#busy = true;
    this.#deps
      .exportLogs(path)
      .then((result) => {
        this.#busy = false;
        if (result.ok) this.#lastExport = { path: result.path, bytes: result.bytes, at: new Date(this.#deps.clock.now()).toISOString() };
        this.#audit({ action: 'log-export', detail: result.ok ? `${result.path} (${result.bytes} bytes)` : `failed: ${result.reason} ${path}` }, who);
        if (this.#phase.kind === 'open') this.#phase = { ...this.#phase, section: 'logs', notice: result.ok ? { tone: 'success', text: TECH_TEXT.exported(result.path) } : { tone: 'error', text: TECH_TEXT.exportFailed[result.reason] } };
        this.#deps.onChange();
      });
  }

  /**
   * The chain on this machine first (at once), then against the heads the
   * gateway holds (a moment later; busy meanwhile). The verification is
   * audited when both are known.
   */
  #verifyAudit(): void {
    const who = this.#who();
    const local = verifyAuditFile(this.#deps.audit.file);
    const base: Verification = { ok: local.ok, chainIntact: local.ok, checked: local.entries, anchor: 'checking', ...(!local.ok && local.seq !== null ? { firstBrokenSeq: local.seq } : {}) };
    const show = (verification: Verification, notice: Notice) => {
      if (this.#phase.kind === 'open') this.#phase = { ...this.#phase, section: 'audit', verification, notice };
    };
    show(base, local.ok ? { tone: 'info', text: TECH_TEXT.auditCheckingGateway } : { tone: 'error', text: TECH_TEXT.auditBroken(local.line) });
    this.#busy = true;
    void this.#deps
      .checkAuditAnchors()
      .catch((): AnchorCheck => ({ state: 'unreachable' }))
      .then((check) => {
        const tampered = check.state === 'truncated' || check.state === 'rewritten';
        const verification: Verification = { ...base, ok: base.ok && !tampered, anchor: check.state, ...('seq' in check ? { anchorSeq: check.seq } : {}) };
        const anchorDetail = 'seq' in check ? `${check.state} at ${check.seq}` : check.state;
        this.#audit({ action: 'audit-verified', detail: `${local.ok ? `${local.entries} entries intact` : `broken at line ${local.line}`}; gateway heads: ${anchorDetail}` }, who);
        const notice: Notice = !local.ok
          ? { tone: 'error', text: TECH_TEXT.auditBroken(local.line) }
          : check.state === 'truncated'
            ? { tone: 'error', text: TECH_TEXT.auditCutShort(check.seq) }
            : check.state === 'rewritten'
              ? { tone: 'error', text: TECH_TEXT.auditRewritten(check.seq) }
              : check.state === 'unreachable'
                ? { tone: 'info', text: TECH_TEXT.auditIntactGatewayUnreachable }
                : { tone: 'success', text: TECH_TEXT.auditIntact };
        show(verification, notice);
        this.#busy = false;
        this.#deps.onChange();
      });
  }

  /**
   * Settles, shows the report at once, then prints it (the technician screen
   * stays busy until the slip is out: the receipt printer is in use).
   */
  #runSettlement(): void {
    const who = this.#who();
    this.#busy = true;
    const noticeFor = (reconciled: boolean, report: 'printing' | 'printed' | 'not-printed'): Notice => ({
      tone: !reconciled || report === 'not-printed' ? 'error' : report === 'printing' ? 'info' : 'success',
      text: reconciled ? TECH_TEXT.settled(report) : TECH_TEXT.notReconciled(report),
    });
    this.#deps
      .settle()
      .then(
        async (outcome) => {
          const last = { at: new Date(this.#deps.clock.now()).toISOString(), reconciled: outcome.reconciled, lines: outcome.lines, report: 'printing' as const };
          this.#lastSettlement = last;
          if (this.#phase.kind === 'open') this.#phase = { ...this.#phase, section: 'settlement', notice: noticeFor(outcome.reconciled, 'printing') };
          this.#deps.onChange();
          const report = (await outcome.print()) ? 'printed' : 'not-printed';
          this.#lastSettlement = { ...last, report };
          this.#audit({ action: 'settlement', detail: `${outcome.reconciled ? 'reconciled' : 'NOT reconciled'}; report ${report === 'printed' ? 'printed' : 'not printed'}` }, who);
          if (this.#phase.kind === 'open' && this.#phase.section === 'settlement') this.#phase = { ...this.#phase, notice: noticeFor(outcome.reconciled, report) };
        },
        (error: Error) => {
          this.#deps.logger.error({ err: error.message }, 'settlement on demand failed');
          this.#audit({ action: 'settlement', detail: 'failed to run' }, who);
          if (this.#phase.kind === 'open') this.#phase = { ...this.#phase, notice: { tone: 'error', text: TECH_TEXT.settlementFailed } };
        },
      )
      .finally(() => {
        this.#busy = false;
        this.#deps.onChange();
      });
  }

  view(language: Language = 'ar'): TechnicianView | null {
    const phase = this.#phase;
    switch (phase.kind) {
      case 'closed':
        return null;
      case 'login':
        return {
          phase: 'login',
          attemptsLeft: Math.max(0, this.#deps.config.maxWrongPins - this.#deps.lockout.read().failures),
          canUseStaffCard: this.#deps.staffCard !== null,
          ...(phase.error ? { error: phase.error } : {}),
          ...(phase.cardError ? { staffCardError: phase.cardError } : {}),
          ...(phase.staffCard ? { staffCard: phase.staffCard } : {}),
        };
      case 'locked': {
        const until = this.#deps.lockout.read().lockedUntil ?? 0;
        return { phase: 'locked', minutesLeft: Math.max(0, Math.ceil((until - this.#deps.clock.now()) / 60_000)) };
      }
      case 'open':
        return {
          phase: 'open',
          role: phase.role,
          sections: SECTIONS[phase.role],
          content: this.#content(phase, language),
          busy: this.#busy,
          ...(phase.notice ? { notice: phase.notice } : {}),
        };
    }
  }

  #content(phase: Extract<Phase, { kind: 'open' }>, language: Language): TechnicianContent {
    switch (phase.section) {
      case 'settlement': {
        const last = this.#lastSettlement;
        return {
          section: 'settlement',
          canSettle: phase.role === 'supervisor',
          ...(last ? { last: { at: last.at, reconciled: last.reconciled, report: last.report, lines: last.lines[language] } } : {}),
        };
      }
      case 'service': {
        const state = this.#deps.service.state();
        return { section: 'service', inService: state.inService, automatic: state.automatic, ...(state.reason ? { reason: state.reason.slice(0, 200) } : {}) };
      }
      case 'recovery':
        return { section: 'recovery', runs: this.#deps.recovered().slice(0, 200) };
      case 'counters':
        return { section: 'counters', ...this.#deps.counters() };
      case 'config':
        return { section: 'config', canEdit: phase.role === 'supervisor', fields: this.#deps.configFields(phase.configErrors), restartPending: this.#restartPending };
      case 'logs':
        return { section: 'logs', suggestedPath: this.#deps.config.exportPath, ...(this.#lastExport ? { lastExport: this.#lastExport } : {}) };
      case 'journal':
        return { section: 'journal', ...this.#deps.searchJournal(phase.query ?? {}) };
      case 'audit':
        return {
          section: 'audit',
          entries: this.#deps.audit.recent(50).map((e) => ({ seq: e.seq, at: e.at, role: e.role, ...(e.staff ? { staff: e.staff } : {}), action: e.action, detail: e.detail })),
          ...(phase.verification ? { verification: phase.verification } : {}),
        };
      default: {
        const overview = this.#deps.overview();
        return {
          section: 'overview',
          ...overview,
          devices: overview.devices.map((d) => {
            const last = this.#selfTests.get(d.id);
            return last ? { ...d, lastSelfTest: last } : d;
          }),
        };
      }
    }
  }

  /** A fresh open phase for the same person (section, notice and the rest start again; who signed in stays). */
  #signedIn(phase: Extract<Phase, { kind: 'open' }>): { kind: 'open'; role: TechnicianRole; staff?: string } {
    return { kind: 'open', role: phase.role, ...(phase.staff ? { staff: phase.staff } : {}) };
  }

  /** Who is at the machine now, for the audit log: the open session's role and staff number. */
  #who(): { role: AuditEntry['role']; staff?: string } {
    const phase = this.#phase;
    return phase.kind === 'open' ? { role: phase.role, ...(phase.staff ? { staff: phase.staff } : {}) } : { role: 'none' };
  }

  #audit(entry: { action: string; detail: string }, who = this.#who()): void {
    this.#deps.audit.append({ ...who, ...entry });
  }

  #login(pin: string): IntentResult {
    const phase = this.#phase;
    const card = phase.kind === 'login' ? phase.staffCard : undefined;
    if (card && card.state !== 'read') return refused('the staff card is still being read');
    // With a staff card, only that staff member's PIN; without, only the role PINs.
    const staffId = card?.staffId;
    const match = this.#deps.config.pins.find((stored) => stored.staffId === staffId && pinMatches(pin, stored));
    const state = this.#deps.lockout.read();
    if (match) {
      this.#deps.lockout.write({ failures: 0, lockedUntil: null });
      const who = { role: match.role, ...(staffId ? { staff: staffId } : {}) };
      this.#audit({ action: 'entry', detail: staffId ? 'staff card and PIN accepted' : 'PIN accepted' }, who);
      this.#deps.logger.info({ role: match.role, staffCard: Boolean(staffId) }, 'technician mode opened');
      this.#phase = { kind: 'open', ...who, section: 'overview' };
      return ok;
    }
    const failures = state.failures + 1;
    const { maxWrongPins, lockoutMinutes } = this.#deps.config;
    if (failures >= maxWrongPins) {
      this.#deps.lockout.write({ failures, lockedUntil: this.#deps.clock.now() + lockoutMinutes * 60_000 });
      this.#deps.audit.append({ role: 'none', action: 'lockout', detail: `${failures} wrong PINs; locked for ${lockoutMinutes} minutes` });
      this.#deps.logger.warn({ failures }, 'technician entry locked after wrong PINs');
      this.#phase = { kind: 'locked' };
      return ok;
    }
    this.#deps.lockout.write({ failures, lockedUntil: null });
    this.#deps.audit.append({ role: 'none', action: 'pin-wrong', detail: `${staffId ? `${staffId}: ` : ''}${maxWrongPins - failures} tries left`, ...(staffId ? { staff: staffId } : {}) });
    this.#phase = { kind: 'login', error: TECH_TEXT.pinWrong, ...(card ? { staffCard: card } : {}) };
    return ok;
  }

  /**
   * Entry with a staff card: the reader takes the card, reads its staff
   * number, and gives it back; the PIN that follows must be that staff
   * member's. A card that is not a staff card, or a staff number this kiosk
   * does not know, is given back with the reason. Nothing of a citizen's
   * card is read (its chip has no staff application).
   */
  #useStaffCard(): IntentResult {
    const port = this.#deps.staffCard;
    if (!port) return refused('no card reader');
    const phase = this.#phase;
    if (phase.kind !== 'login' || phase.staffCard) return refused('not now');
    const reading = new AbortController();
    this.#cardRead = reading;
    const show = (staffCard: StaffCardState | undefined, cardError?: LocalizedText) => {
      if (this.#cardRead !== reading || this.#phase.kind !== 'login') return;
      this.#phase = { kind: 'login', ...(cardError ? { cardError } : {}), ...(staffCard ? { staffCard } : {}) };
      this.#deps.onChange();
    };
    const giveBack = async (): Promise<boolean> => {
      const back = await port.giveBack(reading.signal).catch(() => 'failed' as const);
      if (back === 'retained') this.#deps.audit.append({ role: 'none', action: 'staff-card-retained', detail: 'not taken from the reader' });
      return back === 'taken';
    };
    this.#phase = { kind: 'login', staffCard: { state: 'waiting' } };
    void (async () => {
      const read = await port.read(reading.signal).catch(() => ({ kind: 'failed' as const }));
      if (reading.signal.aborted) return;
      if (read.kind === 'timeout') return show(undefined, TECH_TEXT.staffCardTimeout);
      if (read.kind !== 'staff') {
        this.#deps.audit.append({ role: 'none', action: 'staff-card-refused', detail: read.kind === 'not-staff' ? 'not a staff card' : 'card could not be read' });
        show({ state: 'returning' });
        await giveBack();
        return show(undefined, read.kind === 'not-staff' ? TECH_TEXT.notStaffCard : TECH_TEXT.staffCardUnreadable);
      }
      const known = this.#deps.config.pins.some((p) => p.staffId === read.staffId);
      this.#deps.audit.append({ role: 'none', action: known ? 'staff-card' : 'staff-card-refused', detail: known ? 'staff card read' : 'staff number not registered on this kiosk', staff: read.staffId });
      show({ state: 'returning', staffId: read.staffId });
      const taken = await giveBack();
      if (!known) return show(undefined, TECH_TEXT.staffCardUnknown);
      if (!taken) return show(undefined, TECH_TEXT.staffCardNotTaken);
      show({ state: 'read', staffId: read.staffId });
    })().finally(() => {
      if (this.#cardRead === reading) this.#cardRead = null;
    });
    return ok;
  }

  #lockedNow(): boolean {
    const { lockedUntil } = this.#deps.lockout.read();
    if (lockedUntil === null) return false;
    if (this.#deps.clock.now() < lockedUntil) return true;
    // The lockout is over: a fresh count of tries.
    this.#deps.lockout.write({ failures: 0, lockedUntil: null });
    return false;
  }

  #exit(why: 'exit' | 'idle'): IntentResult {
    this.#audit({ action: why === 'idle' ? 'exit-idle' : 'exit', detail: '' });
    this.#cardRead?.abort();
    this.#cardRead = null;
    this.#phase = { kind: 'closed' };
    this.#deps.clock.clearTimeout(this.#idle);
    this.#idle = undefined;
    return ok;
  }

  #armIdle(): void {
    this.#deps.clock.clearTimeout(this.#idle);
    this.#idle = this.#deps.clock.setTimeout(() => {
      if (!this.active) return;
      this.#exit('idle');
      this.#deps.onChange();
    }, this.#deps.config.idleExitSeconds * 1000);
  }
}
