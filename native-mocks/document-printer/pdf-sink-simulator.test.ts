import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../electron/devices/testing/fake-clock.ts';
import { settle } from '../../electron/devices/hid/testing/drive-clock.ts';
import { DocumentPrinterDriver } from '../../electron/devices/document-printer/document-printer-driver.ts';
import { minimalPdf } from '../../electron/devices/document-printer/testing/minimal-pdf.ts';
import { startControlServer, type ControlServer } from '../control/control-server.ts';
import { SimulatorRegistry } from '../control/simulator-control.ts';
import { PdfSinkSimulator } from './pdf-sink-simulator.ts';

let server: ControlServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('PDF sink through the control API', () => {
  it('serves the last printed PDF as an artifact, takes faults and refills paper', async () => {
    const clock = createFakeClock(0);
    const sim = new PdfSinkSimulator({ clock });
    const registry = new SimulatorRegistry();
    registry.add(sim);
    server = await startControlServer(registry);
    const call = (path: string, body?: unknown) =>
      fetch(`${server!.url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'x-control-token': server!.token, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const driver = new DocumentPrinterDriver({ spooler: sim, clock, pollIntervalMs: 250 });

    expect((await call('/api/simulators/document-printer/artifacts/last.pdf')).status).toBe(404);
    const pdf = minimalPdf(1);
    expect(await settle(clock, driver.printPdf(pdf))).toMatchObject({ completionCode: 'success' });
    const artifact = await call('/api/simulators/document-printer/artifacts/last.pdf');
    expect(artifact.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await artifact.arrayBuffer())).toEqual(pdf);

    expect((await call('/api/simulators/document-printer/fault', { fault: 'out-of-paper' })).status).toBe(200);
    expect(await settle(clock, driver.printPdf(pdf))).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'paperOut' });
    const refilled = await call('/api/simulators/document-printer/actions/refillPaper', { args: {} });
    expect(await refilled.json()).toMatchObject({ result: { paperSheets: 500 }, state: { fault: null } });
    expect(await settle(clock, driver.printPdf(pdf))).toMatchObject({ completionCode: 'success' });
    await driver.close();
  });
});
