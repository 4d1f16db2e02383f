import { z } from 'zod';
import { defineAction, type SimulatorControl } from '../control/simulator-control.ts';
import { FAULT_MODES, FaultRequestSchema } from './fault-plan.ts';
import type { GatewaySimulator } from './gateway-simulator.ts';

/**
 * The gateway simulator as one more device on the simulators' control panel
 * (native-mocks/control): its state at a glance, its faults, and the actions
 * a person needs at a kiosk with no phone — pay the QR shown on screen, read
 * the SMS code, let five minutes pass, lock an eKey account.
 */
const Cpr = z.string().regex(/^\d{9}$/);

export function gatewaySimulatorControl(simulator: GatewaySimulator): SimulatorControl {
  const { core } = simulator;
  return {
    id: 'gateway',
    label: 'Government gateway',
    faults: FAULT_MODES.filter((m) => m !== 'none'),
    state() {
      const ledger = core.ledger();
      return {
        now: ledger.now,
        faults: ledger.faults,
        applications: ledger.applications.filter((a) => a.idempotencyKey !== null).length,
        duplicateSubmits: ledger.duplicateSubmits,
        // The simulated SMS codes, newest first: a person testing by hand types these.
        recentOtps: ledger.otps
          .slice(-5)
          .reverse()
          .map((o) => ({ otpId: o.otpId, code: o.code, purpose: o.purpose, expiresAt: o.expiresAt, attemptsLeft: o.attemptsLeft })),
        pendingQrPayments: ledger.qrPayments.filter((p) => p.status === 'pending').map((p) => ({ paymentId: p.paymentId, amountFils: p.amountFils, expiresAt: p.expiresAt })),
        smsReceipts: ledger.smsReceipts.length,
        ratings: ledger.ratings.length,
        // The newest technician-audit head any kiosk sent (0: none).
        auditHeadSeq: ledger.auditAnchors.reduce((max, a) => Math.max(max, a.seq), 0),
        lockedEkeyAccounts: ledger.ekeyAccounts.filter((a) => a.status === 'locked').map((a) => a.cpr),
        contractViolations: ledger.contractViolations.length,
      };
    },
    setFault(fault, options = {}) {
      const request = FaultRequestSchema.parse({ ...options, mode: fault ?? 'none' });
      simulator.setFaults(request);
    },
    actions: {
      payQr: defineAction({
        description: 'The citizen pays the QR code (the newest pending one unless a payment id is given)',
        args: z.object({ paymentId: z.string().min(1).optional() }).strict(),
        run: ({ paymentId }) => {
          const target = paymentId ?? core.ledger().qrPayments.filter((p) => p.status === 'pending').at(-1)?.paymentId;
          if (!target) throw new Error('no pending QR payment');
          const outcome = core.qrAction(target, 'pay');
          if (!outcome.ok) throw new Error(outcome.error);
          return outcome.value;
        },
      }),
      expireQr: defineAction({
        description: 'A QR payment runs out of time',
        args: z.object({ paymentId: z.string().min(1) }).strict(),
        run: ({ paymentId }) => {
          const outcome = core.qrAction(paymentId, 'expire');
          if (!outcome.ok) throw new Error(outcome.error);
          return outcome.value;
        },
      }),
      advanceClock: defineAction({
        description: 'Let time pass on the gateway (OTP and QR expiry, rate limits)',
        args: z.object({ minutes: z.number().min(0).max(24 * 60) }).strict(),
        run: ({ minutes }) => {
          simulator.advanceClock(Math.round(minutes * 60_000));
          return { now: core.ledger().now };
        },
      }),
      lockEkey: defineAction({
        description: 'The gateway locks an eKey account (as after five failed logins)',
        args: z.object({ cpr: Cpr }).strict(),
        run: ({ cpr }) => {
          const outcome = core.setEkeyStatus(cpr, 'locked');
          if (!outcome.ok) throw new Error(outcome.error);
          return outcome.value;
        },
      }),
      reset: defineAction({
        description: 'Back to the fictional people as seeded; empty ledgers; no faults',
        args: z.object({}).strict(),
        run: () => {
          simulator.reset();
          return { reset: true };
        },
      }),
    },
    onChange: (listener) => core.onChange(listener),
  };
}
