/**
 * The terminal simulator as its own process for the crash harness: the same
 * as native-mocks/payment-terminal/serve.ts (ZVT over TCP, control API,
 * crash-safe ledger file) but with short think times, so a case takes
 * seconds. Prints one JSON line: { zvtPort, controlUrl, token }.
 *
 *   node scripts/crash-harness/terminal-serve.ts --ledger file.json
 */
import { parseArgs } from 'node:util';
import { systemDeviceClock } from '../../electron/devices/contract/clock.ts';
import { startControlServer } from '../../native-mocks/control/control-server.ts';
import { SimulatorRegistry } from '../../native-mocks/control/simulator-control.ts';
import { persistLedger } from '../../native-mocks/payment-terminal/ledger-file.ts';
import { PaymentTerminalSimulator } from '../../native-mocks/payment-terminal/payment-terminal-sim.ts';
import { startZvtTcpServer } from '../../native-mocks/payment-terminal/tcp-server.ts';

const { values } = parseArgs({ options: { ledger: { type: 'string' } } });
if (!values.ledger) {
  console.error('usage: node scripts/crash-harness/terminal-serve.ts --ledger file.json');
  process.exit(2);
}
const sim = new PaymentTerminalSimulator({ clock: systemDeviceClock(), linkKind: 'tcp', think: { insertCardMs: 150, pinMs: 150, hostMs: 150, removeCardMs: 50 } });
persistLedger(sim, values.ledger);
const zvt = await startZvtTcpServer(sim, { port: 0 });
const registry = new SimulatorRegistry();
registry.add(sim);
const control = await startControlServer(registry, { port: 0 });
console.log(JSON.stringify({ zvtPort: zvt.port, controlUrl: control.url, token: control.token }));
const stop = async () => {
  await control.close();
  await zvt.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
