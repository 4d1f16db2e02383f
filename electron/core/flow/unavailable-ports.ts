import type { FlowPorts } from './step-context.ts';

/**
 * Ports for a kiosk with no devices or gateway wired: every call answers
 * "not available". Services that need them are hidden from the menu anyway;
 * this only guarantees that nothing is ever faked.
 */
export function unavailablePorts(): FlowPorts {
  const down = { ok: false as const, failure: { kind: 'unavailable' as const } };
  return {
    card: {
      readCard: async () => ({ kind: 'device-fault' }),
      verifyPin: async () => ({ kind: 'device-fault' }),
      setNewPin: async () => ({ kind: 'device-fault' }),
      writeAddress: async () => ({ kind: 'device-fault' }),
      fingerprintReference: () => null,
      release: async () => ({ kind: 'device-fault' }),
      hasCard: () => false,
    },
    fingerprint: { captureAndMatch: async () => ({ kind: 'device-fault' }) },
    gateway: {
      submitApplication: async () => down,
      applicationStatus: async () => down,
      addressExists: async () => down,
      registeredAddress: async () => down,
      sendOtp: async () => down,
      verifyOtp: async () => down,
      findSubmission: async () => down,
      createQrPayment: async () => down,
      qrPaymentStatus: async () => down,
      sendSmsReceipt: async () => down,
      submitRating: async () => down,
      ekeyPasswordPolicy: async () => down,
      ekeyAccount: async () => down,
      changeEkey: async () => down,
    },
    printer: {
      printReceipt: async () => ({ kind: 'unavailable' }),
      printStatement: async () => ({ kind: 'unavailable' }),
    },
    terminal: {
      authorise: async () => ({ kind: 'device-fault' }),
      reverse: async () => ({ kind: 'in-doubt' }),
      lastTransaction: async () => ({ kind: 'unreachable' }),
    },
  };
}
