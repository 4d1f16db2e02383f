/**
 * The terminal simulator as its own process, for tests that kill the kiosk
 * (crash-injection harness) or run it against a "networked" terminal:
 *
 *   node native-mocks/payment-terminal/serve.ts [--port 20007] [--ledger file.json] [--control-port 0]
 *
 * Serves ZVT over TCP on 127.0.0.1 and the simulator control API (customers,
 * faults, state with the ledger), and prints one JSON line: { zvtPort, controlUrl, token }.
 * With --ledger the ledger survives this process too.
 */
import { parseArgs } from 'node:util';
import { systemDeviceClock } from '../../electron/devices/contract/clock.ts';
import { startControlServer } from '../control/control-server.ts';
import { SimulatorRegistry } from '../control/simulator-control.ts';
import { persistLedger } from './ledger-file.ts';
import { PaymentTerminalSimulator } from './payment-terminal-sim.ts';
import { startZvtTcpServer } from './tcp-server.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, ledger: { type: 'string' }, 'control-port': { type: 'string', default: '0' } } });
const sim = new PaymentTerminalSimulator({ clock: systemDeviceClock(), linkKind: 'tcp' });
if (values.ledger) persistLedger(sim, values.ledger);
const zvt = await startZvtTcpServer(sim, { port: Number(values.port) });
const registry = new SimulatorRegistry();
registry.add(sim);
const control = await startControlServer(registry, { port: Number(values['control-port']) });
console.log(JSON.stringify({ zvtPort: zvt.port, controlUrl: control.url, token: control.token }));
const stop = async () => {
  await control.close();
  await zvt.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
