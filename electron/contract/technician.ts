import { z } from 'zod';
import { LocalizedTextSchema } from './language.ts';

/**
 * Technician diagnostics mode, as the page sees it. The page never decides
 * anything: it sends commands, the core checks the role, acts, writes the
 * audit entry and answers with a new technician view. Citizens' personal data
 * never appears here (journal rows are masked by the core).
 */

/** Screen corners for the hidden entry gesture. Logical (start/end) so it mirrors in Arabic. */
export const CornerSchema = z.enum(['top-start', 'top-end', 'bottom-end', 'bottom-start']);
export type Corner = z.infer<typeof CornerSchema>;

export const TechnicianRoleSchema = z.enum(['technician', 'supervisor']);
export type TechnicianRole = z.infer<typeof TechnicianRoleSchema>;

export const DeviceIdSchema = z.enum(['cardReader', 'paymentTerminal', 'receiptPrinter', 'documentPrinter', 'fingerprint', 'scanner', 'keypad']);
export type DeviceId = z.infer<typeof DeviceIdSchema>;

export const TechnicianSectionSchema = z.enum(['overview', 'counters', 'journal', 'settlement', 'service', 'logs', 'config', 'recovery', 'audit']);
export type TechnicianSection = z.infer<typeof TechnicianSectionSchema>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ConfigValue = z.union([z.string().max(200), z.number().finite(), z.boolean()]);

export const TechnicianCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('login'), pin: z.string().regex(/^\d{4,12}$/) }).strict(),
  /** On the PIN screen: read a staff card first, so the PIN is that staff member's and the audit names them. */
  z.object({ command: z.literal('useStaffCard') }).strict(),
  z.object({ command: z.literal('exit') }).strict(),
  z.object({ command: z.literal('open'), section: TechnicianSectionSchema }).strict(),
  z.object({ command: z.literal('selfTest'), device: DeviceIdSchema }).strict(),
  z.object({ command: z.literal('acknowledge'), what: z.enum(['paper-refilled', 'capture-bin-emptied']) }).strict(),
  z.object({ command: z.literal('searchJournal'), from: IsoDate.optional(), to: IsoDate.optional(), reference: z.string().max(64).optional() }).strict(),
  /** Supervisor only. */
  z.object({ command: z.literal('settle') }).strict(),
  z.object({ command: z.literal('setOutOfService'), reason: z.string().min(1).max(200) }).strict(),
  z.object({ command: z.literal('returnToService') }).strict(),
  z.object({ command: z.literal('exportLogs'), path: z.string().min(1).max(500) }).strict(),
  /** Supervisor only; keys are the dotted names listed in the config section. */
  z.object({ command: z.literal('saveConfig'), values: z.record(z.string().max(100), ConfigValue).refine((v) => Object.keys(v).length <= 32) }).strict(),
  z.object({ command: z.literal('verifyAudit') }).strict(),
]);
export type TechnicianCommand = z.infer<typeof TechnicianCommandSchema>;

export const DeviceStateSchema = z.enum(['ok', 'warning', 'fault', 'offline', 'busy']);

/** Result of the last action, shown as a banner on the technician screen. */
export const TechnicianNoticeSchema = z.object({ tone: z.enum(['success', 'error', 'info']), text: LocalizedTextSchema });

const SelfTestResult = z.object({ passed: z.boolean(), at: z.string().max(40), summary: LocalizedTextSchema });

export const TechnicianContentSchema = z.discriminatedUnion('section', [
  z.object({
    section: z.literal('overview'),
    inService: z.boolean(),
    outOfServiceReason: LocalizedTextSchema.optional(),
    journal: z.object({ state: DeviceStateSchema, detail: LocalizedTextSchema }),
    gateway: z.object({ state: DeviceStateSchema, detail: LocalizedTextSchema }),
    devices: z
      .array(
        z.object({
          id: DeviceIdSchema,
          state: DeviceStateSchema,
          detail: LocalizedTextSchema,
          /** Simulator, wire or real: a technician must know what they are testing. */
          mode: z.enum(['sim', 'wire', 'real']),
          lastSelfTest: SelfTestResult.optional(),
        }),
      )
      .max(16),
  }),
  z.object({
    section: z.literal('counters'),
    receiptsPrinted: z.number().int().nonnegative(),
    /** Estimated receipts left on the roll since the last refill. */
    paperLeftEstimate: z.number().int().nonnegative(),
    cardsCaptured: z.number().int().nonnegative(),
    captureBinCapacity: z.number().int().positive(),
    captureReasons: z.array(z.object({ reason: z.string().max(64), count: z.number().int().nonnegative() })).max(20),
    servicesToday: z.array(z.object({ serviceId: z.string().max(64), title: LocalizedTextSchema, count: z.number().int().nonnegative() })).max(100),
    paymentsToday: z.object({ count: z.number().int().nonnegative(), totalFils: z.number().int().nonnegative(), reversedCount: z.number().int().nonnegative(), reversedFils: z.number().int().nonnegative() }),
  }),
  z.object({
    section: z.literal('journal'),
    /** The kiosk's local date (YYYY-MM-DD), so "today" on the page is the kiosk's today. */
    today: IsoDate,
    query: z.object({ from: z.string().max(10).optional(), to: z.string().max(10).optional(), reference: z.string().max(64).optional() }),
    /** Masked by the core: no CPR, no full card number, no names. */
    entries: z
      .array(z.object({ id: z.number().int(), at: z.string().max(40), type: z.string().max(64), reference: z.string().max(64).optional(), summary: z.string().max(300) }))
      .max(200),
    truncated: z.boolean(),
  }),
  z.object({
    section: z.literal('settlement'),
    canSettle: z.boolean(),
    last: z
      .object({
        at: z.string().max(40),
        reconciled: z.boolean(),
        /** The report is on screen as soon as the terminal has settled; paper follows (tens of seconds on a thermal printer). */
        report: z.enum(['printing', 'printed', 'not-printed']),
        lines: z.array(z.string().max(200)).max(60),
      })
      .optional(),
  }),
  z.object({ section: z.literal('service'), inService: z.boolean(), reason: z.string().max(200).optional(), automatic: z.boolean() }),
  z.object({ section: z.literal('logs'), suggestedPath: z.string().max(500), lastExport: z.object({ path: z.string().max(500), bytes: z.number().int().nonnegative(), at: z.string().max(40) }).optional() }),
  z.object({
    section: z.literal('config'),
    canEdit: z.boolean(),
    fields: z
      .array(
        z.object({
          key: z.string().max(100),
          label: LocalizedTextSchema,
          type: z.enum(['number', 'string', 'boolean']),
          value: ConfigValue,
          min: z.number().optional(),
          max: z.number().optional(),
          error: LocalizedTextSchema.optional(),
        }),
      )
      .max(40),
    /** True after a save: the core restarts its services in a controlled way once no citizen is served. */
    restartPending: z.boolean(),
  }),
  z.object({
    section: z.literal('recovery'),
    runs: z.array(z.object({ at: z.string().max(40), service: z.string().max(64), outcome: LocalizedTextSchema, reference: z.string().max(64).optional() })).max(200),
  }),
  z.object({
    section: z.literal('audit'),
    entries: z.array(z.object({ seq: z.number().int().nonnegative(), at: z.string().max(40), role: z.string().max(20), staff: z.string().max(16).optional(), action: z.string().max(64), detail: z.string().max(300) })).max(200),
    verification: z
      .object({
        /** Both checks passed. */
        ok: z.boolean(),
        /** The hash chain on this machine alone. */
        chainIntact: z.boolean(),
        checked: z.number().int().nonnegative(),
        firstBrokenSeq: z.number().int().optional(),
        /**
         * The chain against the heads the gateway was sent: `truncated` (a line
         * the gateway saw is gone from the end) and `rewritten` (it is there
         * with other content) are tampering a chain alone cannot show.
         */
        anchor: z.enum(['checking', 'matches', 'none', 'truncated', 'rewritten', 'unreachable']),
        anchorSeq: z.number().int().optional(),
      })
      .optional(),
  }),
]);
export type TechnicianContent = z.infer<typeof TechnicianContentSchema>;

export const TechnicianViewSchema = z.discriminatedUnion('phase', [
  z.object({
    phase: z.literal('login'),
    attemptsLeft: z.number().int().nonnegative(),
    error: LocalizedTextSchema.optional(),
    /** Absent: a role PIN (or the card not offered: no reader). `waiting` for the card, `returning` it, `read`: now that staff member's PIN. */
    staffCard: z.object({ state: z.enum(['waiting', 'returning', 'read']), staffId: z.string().max(16).optional() }).optional(),
    /** A card reader is there to read a staff card. */
    canUseStaffCard: z.boolean(),
    /** Why the last staff card was refused (not a PIN error: no tries are used up). */
    staffCardError: LocalizedTextSchema.optional(),
  }),
  /** Too many wrong PINs: no entry until `minutesLeft` have passed. */
  z.object({ phase: z.literal('locked'), minutesLeft: z.number().int().nonnegative() }),
  z.object({
    phase: z.literal('open'),
    role: TechnicianRoleSchema,
    sections: z.array(TechnicianSectionSchema).max(12),
    content: TechnicianContentSchema,
    /** An action is running (self-test, settlement, export): the page shows progress and waits. */
    busy: z.boolean(),
    notice: TechnicianNoticeSchema.optional(),
  }),
]);
export type TechnicianView = z.infer<typeof TechnicianViewSchema>;
