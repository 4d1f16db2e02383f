/**
 * Host side of the vendor command channel (vendor-command-report.ts): send a
 * command in an output report, wait for the reply input report with the same
 * seq. One command at a time per device (the drivers serialise); a reply
 * with another seq is the late answer to a command that was cancelled or
 * timed out, and is dropped.
 */
import type { HidReport } from './hid-report.ts';
import type { HidTransport } from './hid-transport.ts';
import { ListenerSet } from './listener-set.ts';
import { decodeVendorReply, encodeVendorCommand, nextSeq, type VendorReply } from './vendor-command-report.ts';
import { isAborted, waitFor } from './wait-for.ts';

/** Command codes shared by our scanner and keypad firmware (docs/devices-hid-a4.md). */
export const VENDOR_COMMAND = { getInfo: 0x01, selfTest: 0x02, beep: 0x03, setEnabled: 0x04, getStatus: 0x05 } as const;

export interface VendorChannelReports {
  readonly commandReportId: number;
  readonly replyReportId: number;
}

export type VendorCallResult =
  | { readonly kind: 'reply'; readonly reply: VendorReply }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'closed'; readonly reason: string }
  | { readonly kind: 'protocolError'; readonly error: string };

type ChannelEvent = { kind: 'reply'; reply: VendorReply } | { kind: 'error'; error: string } | { kind: 'closed'; reason: string };

export class VendorChannel {
  readonly #reports: VendorChannelReports;
  readonly #events = new ListenerSet<ChannelEvent>();
  readonly #onStale: () => void;
  #seq = 0;
  #activeSeq: number | null = null;

  constructor(reports: VendorChannelReports, onStale: () => void = () => {}) {
    this.#reports = reports;
    this.#onStale = onStale;
  }

  /** Offer an input report; true when it belonged to this channel (consumed). */
  handleReport(report: HidReport): boolean {
    if (report.reportId !== this.#reports.replyReportId) return false;
    const reply = decodeVendorReply(report.data);
    if (!reply.ok) this.#events.emit({ kind: 'error', error: reply.error });
    else if (reply.value.seq !== this.#activeSeq) this.#onStale();
    else this.#events.emit({ kind: 'reply', reply: reply.value });
    return true;
  }

  /** The link went away: a waiting call ends with `closed`. */
  linkClosed(reason: string): void {
    this.#events.emit({ kind: 'closed', reason });
  }

  get waiting(): number {
    return this.#events.size;
  }

  async call(transport: HidTransport, command: number, args: readonly number[], signal: AbortSignal): Promise<VendorCallResult> {
    const seq = (this.#seq = nextSeq(this.#seq));
    const waiting = waitFor<ChannelEvent, VendorCallResult>(
      (listener) => this.#events.add(listener),
      (event) => {
        if (event.kind === 'closed') return { kind: 'closed', reason: event.reason };
        if (event.kind === 'error') return { kind: 'protocolError', error: event.error };
        if (event.reply.command !== command) return { kind: 'protocolError', error: `reply to command ${event.reply.command}, expected ${command}` };
        return { kind: 'reply', reply: event.reply };
      },
      signal,
    );
    this.#activeSeq = seq;
    void waiting.result.then(() => {
      if (this.#activeSeq === seq) this.#activeSeq = null;
    });
    try {
      await transport.sendOutputReport({ reportId: this.#reports.commandReportId, data: encodeVendorCommand({ seq, command, args }) });
    } catch (error) {
      waiting.cancel();
      return { kind: 'closed', reason: error instanceof Error ? error.message : String(error) };
    }
    const result = await waiting.result;
    return isAborted(result) ? { kind: 'aborted' } : result;
  }
}
