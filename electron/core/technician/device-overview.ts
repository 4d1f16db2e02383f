import type { DeviceId, LocalizedText, TechnicianContent } from '../../contract/index.ts';
import type { KioskConfig } from '../config/config-schema.ts';
import { driverFor, type KioskHardware } from '../hardware/kiosk-hardware.ts';
import type { RecoveredRun } from '../recovery/startup-recovery.ts';
import { TECH_TEXT } from './technician-texts.ts';

type Overview = Omit<Extract<TechnicianContent, { section: 'overview' }>, 'section'>;
type State = Overview['devices'][number]['state'];

/** XFS4IoT device states as the technician reads them. */
function stateOf(device: string | undefined): State {
  switch (device) {
    case 'online':
      return 'ok';
    case 'deviceBusy':
      return 'busy';
    case 'hardwareError':
      return 'fault';
    default:
      return 'offline';
  }
}

const DEVICES: DeviceId[] = ['cardReader', 'paymentTerminal', 'receiptPrinter', 'documentPrinter', 'fingerprint', 'scanner', 'keypad'];

/** Every device's live state, the journal and the gateway, for the overview section. */
export function deviceOverview(input: { config: KioskConfig; hardware: KioskHardware | null; journalUp: () => boolean; outOfService: () => LocalizedText | null }): Overview {
  const { hardware, config } = input;
  const status = (id: DeviceId): string | undefined => {
    if (!hardware) return undefined;
    try {
      return driverFor(hardware, id).status().device;
    } catch {
      return 'hardwareError';
    }
  };
  const devices = DEVICES.map((id) => {
    const state = stateOf(status(id));
    return { id, state, detail: TECH_TEXT.device[state], mode: config.devices[id].mode };
  });
  const journalUp = input.journalUp();
  const gatewayUp = hardware?.capabilities().has('gateway') ?? false;
  const reason = input.outOfService();
  return {
    inService: reason === null,
    ...(reason ? { outOfServiceReason: reason } : {}),
    journal: { state: journalUp ? 'ok' : 'fault', detail: journalUp ? TECH_TEXT.journalOk : TECH_TEXT.journalDown },
    gateway: { state: gatewayUp ? 'ok' : 'offline', detail: gatewayUp ? TECH_TEXT.gatewayUp : TECH_TEXT.gatewayDown },
    devices,
  };
}

const RESULT_TEXT: Record<RecoveredRun['result'], LocalizedText> = {
  completed: { ar: 'اكتمل: قُدّم الطلب وبقي المبلغ', en: 'Completed: application submitted, payment kept' },
  refunded: { ar: 'أُعيد المبلغ: لم يُقدَّم طلب', en: 'Refunded: no application was made' },
  'nothing-taken': { ar: 'لم يُؤخذ أي مبلغ', en: 'No money was taken' },
  unresolved: { ar: 'غير محسوم: يحتاج إلى متابعة', en: 'Unresolved: needs follow-up' },
};
const CITIZEN_TEXT: Record<RecoveredRun['citizen'], LocalizedText> = {
  'had-proof': { ar: 'كان لدى المواطن إيصال', en: 'the citizen had a receipt' },
  'told-by-sms': { ar: 'أُبلغ المواطن برسالة نصية', en: 'the citizen was told by SMS' },
  'sms-failed': { ar: 'تعذّر إبلاغ المواطن برسالة', en: 'the SMS to the citizen failed' },
  'not-reachable': { ar: 'لا وسيلة لإبلاغ المواطن', en: 'no way to reach the citizen' },
  none: { ar: 'لا شيء لإبلاغه', en: 'nothing to tell' },
};

/** What start-up recovery resolved, in words; no personal data (run ids only). */
export function recoveryRows(runs: readonly RecoveredRun[], at: string): Extract<TechnicianContent, { section: 'recovery' }>['runs'] {
  return runs.map((run) => ({
    at,
    service: run.serviceId ?? 'unknown',
    outcome: { ar: `${RESULT_TEXT[run.result].ar}؛ ${CITIZEN_TEXT[run.citizen].ar}`, en: `${RESULT_TEXT[run.result].en}; ${CITIZEN_TEXT[run.citizen].en}` },
    reference: run.runKey.split(':')[2]?.slice(0, 8) ?? '',
  }));
}
