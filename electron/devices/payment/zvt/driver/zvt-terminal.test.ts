import { afterEach, describe, expect, it } from 'vitest';
import { createVirtualClock, type VirtualClock } from './virtual-clock.ts';
import { createZvtSimRig, type ZvtRig, type ZvtRigOptions } from './sim-rig.ts';
import type { PaymentAnomaly } from './late-messages.ts';
import type { PaymentEvent } from './zvt-terminal.ts';

let rig: ZvtRig | undefined;
let clock: VirtualClock;
afterEach(() => {
  rig?.dispose();
  rig = undefined;
});

function setup(options: Partial<ZvtRigOptions> = {}): ZvtRig {
  clock = createVirtualClock();
  rig = createZvtSimRig({ clock, ...options });
  return rig;
}

const prompts = (events: PaymentEvent[]) => events.flatMap((e) => (e.kind === 'prompt' ? [e.prompt] : []));

/** Let everything still scheduled run out, then prove nothing is left. */
async function quiesce(): Promise<void> {
  await clock.runFor(30_000);
  expect(clock.pendingTimers()).toBe(0);
}

describe('ZVT driver against the terminal simulator (sim mode, 9600 baud, virtual time)', () => {
  it('registers, then authorises BHD 1.000 with prompts, status information and the terminal receipt', async () => {
    const { terminal, sim } = setup();
    expect((await clock.runUntil(terminal.register())).completionCode).toBe('success');
    const events: PaymentEvent[] = [];
    const result = await clock.runUntil(terminal.authorise({ amountFils: 1000, onEvent: (e) => events.push(e.event) }));
    expect(result.completionCode).toBe('success');
    expect(result.payload?.transaction).toMatchObject({ resultCode: 0, amountFils: 1000, currencyCode: 48, maskedPan: '************0119', traceNumber: 1, receiptNumber: 1, terminalId: '52000001' });
    expect(result.payload?.transaction?.authCode).toMatch(/^\d{6}$/);
    expect(prompts(events)).toEqual(['insertCard', 'enterPin', 'pleaseWait', 'removeCard']);
    expect(result.payload?.terminalReceipt).toContain('APPROVED');
    expect(JSON.stringify(result)).not.toMatch(/999999/); // only the last four digits ever leave the driver
    expect(sim.ledger.entries).toEqual([expect.objectContaining({ state: 'approved', amountFils: 1000, traceNumber: 1, receiptNumber: 1 })]);
    expect(terminal.status().device).toBe('online');
    expect(terminal.counters().counters).toMatchObject({ authorisations: 1, approved: 1, inDoubt: 0, badCrc: 0 });
    await quiesce();
  });

  it('reports the device busy while a payment runs', async () => {
    const { terminal } = setup();
    const states: string[] = [];
    terminal.onEvent((e) => {
      if (e.type === 'statusChanged' && e.status) states.push(e.status.device);
    });
    await clock.runUntil(terminal.authorise({ amountFils: 500 }));
    expect(states).toEqual(['deviceBusy', 'online']);
  });

  it.each([
    [{ behaviour: 'decline' as const }, 'commandErrorCode', 'declined', 'declined'],
    [{ behaviour: 'decline' as const, resultCode: 0x78 }, 'commandErrorCode', 'cardExpired', 'declined'],
    [{ behaviour: 'insufficientFunds' as const }, 'commandErrorCode', 'insufficientFunds', 'declined'],
  ])('declines in words: %o → %s/%s, ledger %s', async (customer, completionCode, errorCode, ledgerState) => {
    const { terminal, sim } = setup();
    sim.customers.enqueue(customer);
    const result = await clock.runUntil(terminal.authorise({ amountFils: 1000 }));
    expect(result).toMatchObject({ completionCode, errorCode });
    expect(result.payload?.transaction?.resultCode).not.toBe(0);
    expect(sim.ledger.entries[0]?.state).toBe(ledgerState);
    await quiesce();
  });

  it('card pulled during PIN entry → cardNotReadable, nothing charged', async () => {
    const { terminal, sim } = setup();
    sim.customers.enqueue({ behaviour: 'cardRemoved' });
    const events: PaymentEvent[] = [];
    const result = await clock.runUntil(terminal.authorise({ amountFils: 1000, onEvent: (e) => events.push(e.event) }));
    expect(result).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'cardNotReadable' });
    expect(prompts(events)).toEqual(['insertCard', 'enterPin', 'cardNotAccepted']);
    expect(sim.ledger.entries).toEqual([]);
  });

  it('busy terminal refuses at once (84 9C): deviceNotReady, not in doubt, nothing charged', async () => {
    const { terminal, sim } = setup();
    sim.customers.enqueue({ behaviour: 'busy' });
    const result = await clock.runUntil(terminal.authorise({ amountFils: 1000 }));
    expect(result).toMatchObject({ completionCode: 'deviceNotReady', errorCode: 'terminalNotReady' });
    expect(sim.ledger.entries).toEqual([]);
    // The next citizen is served normally.
    expect((await clock.runUntil(terminal.authorise({ amountFils: 1000 }))).completionCode).toBe('success');
  });

  it('terminal goes silent after "insert card": T4 → timeOut/inDoubt after 180 s, and the driver does not retry', async () => {
    const { terminal, sim } = setup();
    sim.customers.enqueue({ behaviour: 'noAnswer' });
    const started = clock.now();
    const result = await clock.runUntil(terminal.authorise({ amountFils: 2500 }));
    expect(result).toMatchObject({ completionCode: 'timeOut', errorCode: 'inDoubt' });
    expect(result.payload).toMatchObject({ reachedTerminal: true, requestedAmountFils: 2500, transactions: [] });
    expect(clock.now() - started).toBeGreaterThanOrEqual(180_000);
    expect(clock.now() - started).toBeLessThan(190_000);
    expect(sim.commandsReceived()['authorisation']).toBe(1);
    expect(terminal.status().device).toBe('offline');
    // Recovery: the terminal answers a status enquiry; nothing was charged.
    const enquiry = await clock.runUntil(terminal.statusEnquiry());
    expect(enquiry).toMatchObject({ completionCode: 'success', payload: { terminalStatus: 0 } });
    expect(terminal.status().device).toBe('online');
    expect(sim.ledger.entries).toEqual([]);
    expect(sim.commandsReceived()['authorisation']).toBe(1);
  });

  it('approved but the answer is lost: inDoubt; repeat receipt finds the approval; reversal returns the money', async () => {
    const { terminal, sim } = setup();
    sim.customers.enqueue({ behaviour: 'approvedAnswerLost' });
    const result = await clock.runUntil(terminal.authorise({ amountFils: 1000 }));
    expect(result).toMatchObject({ completionCode: 'timeOut', errorCode: 'inDoubt' });
    expect(sim.ledger.entries).toEqual([expect.objectContaining({ state: 'approved', note: 'answer lost' })]);

    const copy = await clock.runUntil(terminal.repeatReceipt());
    expect(copy.completionCode).toBe('success');
    const found = copy.payload?.transactions[0];
    expect(found).toMatchObject({ resultCode: 0, amountFils: 1000, traceNumber: sim.ledger.entries[0]?.traceNumber, receiptNumber: sim.ledger.entries[0]?.receiptNumber });
    expect(copy.payload?.terminalReceipt[0]).toBe('*** COPY ***');

    const reversal = await clock.runUntil(terminal.reverse({ receiptNumber: found?.receiptNumber ?? -1, amountFils: 1000 }));
    expect(reversal.completionCode).toBe('success');
    expect(sim.ledger.entries[0]?.state).toBe('reversed');
    expect(sim.ledger.totals()).toMatchObject({ count: 0, amountFils: 0 });
    expect(sim.commandsReceived()['authorisation']).toBe(1);
    // Reversing twice is refused in words.
    const again = await clock.runUntil(terminal.reverse({ receiptNumber: found?.receiptNumber ?? -1 }));
    expect(again).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'alreadyReversed' });
    await quiesce();
  });

  it('the citizen cancels during PIN entry: 06 B0 goes out, the terminal confirms (06 1E 6C) → canceled, nothing charged', async () => {
    const { terminal, sim } = setup();
    const cancel = new AbortController();
    const events: PaymentEvent[] = [];
    const pending = terminal.authorise({
      amountFils: 1000,
      signal: cancel.signal,
      onEvent: (e) => {
        events.push(e.event);
        if (e.event.kind === 'prompt' && e.event.prompt === 'enterPin') cancel.abort();
      },
    });
    const result = await clock.runUntil(pending);
    expect(result.completionCode).toBe('canceled');
    expect(result.payload).toMatchObject({ abortRequested: true, reachedTerminal: true });
    expect(events).toContainEqual({ kind: 'abortSent' });
    expect(sim.commandsReceived()['abortCommand']).toBe(1);
    expect(sim.ledger.entries).toEqual([]);
    await quiesce();
  });

  it('an approval after the kiosk asked to abort is lateApproval, with the transaction to reverse, and an anomaly', async () => {
    const { terminal, sim } = setup();
    sim.customers.enqueue({ behaviour: 'approveDespiteAbort' });
    const anomalies: PaymentAnomaly[] = [];
    terminal.onAnomaly((a) => anomalies.push(a));
    const cancel = new AbortController();
    const result = await clock.runUntil(
      terminal.authorise({ amountFils: 1000, signal: cancel.signal, onEvent: (e) => e.event.kind === 'prompt' && e.event.prompt === 'enterPin' && cancel.abort() }),
    );
    expect(result).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'lateApproval' });
    expect(result.payload?.transaction).toMatchObject({ resultCode: 0, amountFils: 1000, receiptNumber: 1 });
    expect(anomalies).toEqual([expect.objectContaining({ kind: 'lateApproval', relatedRequestId: result.requestId })]);
    expect(sim.ledger.entries[0]?.state).toBe('approved');
  });

  it('a completion for another amount is amountMismatch (never success)', async () => {
    const { terminal, sim } = setup();
    sim.customers.enqueue({ behaviour: 'wrongAmount', deltaFils: 500 });
    const result = await clock.runUntil(terminal.authorise({ amountFils: 1000 }));
    expect(result).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'amountMismatch' });
    expect(result.payload?.transaction?.amountFils).toBe(1500);
    expect(terminal.recentAnomalies()).toHaveLength(1);
  });

  it('a duplicate completion after success becomes a duplicateCompletion anomaly (the command stays a success)', async () => {
    const { terminal, sim } = setup();
    sim.customers.enqueue({ behaviour: 'duplicateCompletion' });
    const anomalies: PaymentAnomaly[] = [];
    terminal.onAnomaly((a) => anomalies.push(a));
    const result = await clock.runUntil(terminal.authorise({ amountFils: 1000 }));
    expect(result.completionCode).toBe('success');
    await clock.runFor(10_000);
    expect(anomalies.map((a) => a.kind)).toEqual(['duplicateCompletion', 'duplicateCompletion']);
    expect(anomalies[0]?.transaction?.receiptNumber).toBe(result.payload?.transaction?.receiptNumber);
    expect(sim.ledger.entries).toHaveLength(1);
    await quiesce();
  });

  it('the link drops mid-payment: timeOut/inDoubt with what was known, device gone, later commands not sent', async () => {
    const r = setup();
    const pending = r.terminal.authorise({ amountFils: 1000, onEvent: (e) => e.event.kind === 'prompt' && e.event.prompt === 'pleaseWait' && r.unplug() });
    const result = await clock.runUntil(pending);
    expect(result).toMatchObject({ completionCode: 'timeOut', errorCode: 'inDoubt', payload: { reachedTerminal: true } });
    expect(r.terminal.status().device).toBe('noDevice');
    const next = await clock.runUntil(r.terminal.authorise({ amountFils: 1000 }));
    expect(next).toMatchObject({ completionCode: 'deviceNotReady', payload: { reachedTerminal: false } });
    await quiesce();
  });

  it('power cut after host approval: inDoubt; the ledger keeps the approval for recovery', async () => {
    const r = setup();
    const pending = r.terminal.authorise({ amountFils: 700, onEvent: (e) => e.event.kind === 'prompt' && e.event.prompt === 'pleaseWait' && setTimeout(() => {}, 0) });
    // Cut the power just after the host approved (hostMs = 900 after "please wait").
    await clock.runFor(1200 + 1500 + 200 + 950);
    r.sim.setFault('power-cut');
    const result = await clock.runUntil(pending);
    expect(result).toMatchObject({ completionCode: 'timeOut', errorCode: 'inDoubt' });
    expect(r.sim.ledger.entries).toEqual([expect.objectContaining({ state: 'approved', amountFils: 700 })]);
  });

  it('end-of-day reports the batch total: approvals minus reversals', async () => {
    const { terminal, sim } = setup();
    const a = await clock.runUntil(terminal.authorise({ amountFils: 1000 }));
    await clock.runUntil(terminal.authorise({ amountFils: 2000 }));
    await clock.runUntil(terminal.reverse({ receiptNumber: a.payload?.transaction?.receiptNumber ?? -1 }));
    const eod = await clock.runUntil(terminal.endOfDay());
    expect(eod.completionCode).toBe('success');
    expect(eod.payload?.transactions[0]?.amountFils).toBe(2000);
    expect(eod.payload?.terminalReceipt).toContain('TOTAL BHD 2.000');
    expect(sim.ledger.totals()).toMatchObject({ batch: 2, count: 0 });
    expect(sim.ledger.entries.every((e) => e.settled)).toBe(true);
  });

  it('self-test: registration and status enquiry both pass', async () => {
    const { terminal } = setup();
    const result = await clock.runUntil(terminal.selfTest());
    expect(result).toMatchObject({ deviceClass: 'payment', passed: true });
    expect(result.checks.map((c) => c.name)).toEqual(['registration', 'statusEnquiry']);
  });

  it('commands are serialised; a payment cancelled while queued never reaches the terminal', async () => {
    const { terminal, sim } = setup();
    const cancel = new AbortController();
    const first = terminal.authorise({ amountFils: 1000 });
    const second = terminal.authorise({ amountFils: 2000, signal: cancel.signal });
    const third = terminal.authorise({ amountFils: 3000 });
    cancel.abort();
    const results = await clock.runUntil(Promise.all([first, second, third]));
    expect(results.map((r) => r.completionCode)).toEqual(['success', 'canceled', 'success']);
    expect(sim.ledger.entries.map((e) => e.amountFils)).toEqual([1000, 3000]);
    expect(sim.commandsReceived()['authorisation']).toBe(2);
  });

  it('a terminal set up for another currency refuses BHD (BMP 49 = 048): wrongCurrency, nothing charged', async () => {
    const { terminal, sim } = setup({ sim: { currencyCode: 978 } });
    const result = await clock.runUntil(terminal.authorise({ amountFils: 1000 }));
    expect(result).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'wrongCurrency' });
    expect(sim.ledger.entries).toEqual([]);
  });

  it('refuses amounts ZVT cannot carry without talking to the terminal', async () => {
    const { terminal, sim } = setup();
    for (const amountFils of [0, -5, 1.5, 1_000_000_000_000]) {
      expect(await terminal.authorise({ amountFils })).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'amountNotAllowed' });
    }
    expect(sim.commandsReceived()['authorisation']).toBeUndefined();
  });

  it('manual customer: the control panel approves', async () => {
    const { terminal, sim } = setup();
    sim.customers.enqueue({ behaviour: 'manual' });
    const pending = terminal.authorise({ amountFils: 1000 });
    await clock.runFor(5000);
    expect(sim.state()['waitingForDecision']).toBe(true);
    await sim.actions['approve']?.run({});
    expect((await clock.runUntil(pending)).completionCode).toBe('success');
  });

  it('manual customer who walks away: the terminal gives up after 60 s (06 1E 6C) → userError, nothing charged', async () => {
    const { terminal, sim } = setup();
    sim.customers.enqueue({ behaviour: 'manual' });
    const result = await clock.runUntil(terminal.authorise({ amountFils: 1000 }));
    expect(result).toMatchObject({ completionCode: 'userError', errorCode: 'abortedAtTerminal' });
    expect(sim.ledger.entries).toEqual([]);
  });
});
