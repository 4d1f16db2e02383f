import { parseArgs } from 'node:util';
import { startGatewaySimulator } from './gateway-simulator.ts';

/**
 * Manual runs: `node native-mocks/gateway/main.ts [--port 8791] [--latency-min 80]
 * [--latency-max 400] [--token T] [--qr-auto-pay-ms 5000]`. Prints the API
 * base address (the kiosk's gateway.baseUrl) and the control token.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8791' },
    'latency-min': { type: 'string', default: '80' },
    'latency-max': { type: 'string', default: '400' },
    token: { type: 'string' },
    'qr-auto-pay-ms': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('usage: node native-mocks/gateway/main.ts [--port 8791] [--latency-min 80] [--latency-max 400] [--token T] [--qr-auto-pay-ms N]');
  process.exit(0);
}

const number = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`gateway simulator: --${name} must be a whole number ≥ 0`);
    process.exit(2);
  }
  return n;
};

const autoPay = number('qr-auto-pay-ms', values['qr-auto-pay-ms']);
const simulator = await startGatewaySimulator({
  port: number('port', values.port)!,
  latencyMs: { minMs: number('latency-min', values['latency-min'])!, maxMs: number('latency-max', values['latency-max'])! },
  ...(values.token ? { controlToken: values.token } : {}),
  ...(autoPay !== undefined ? { qrAutoPayAfterMs: autoPay } : {}),
});

console.log(`gateway simulator: API ${simulator.url}`);
console.log(`gateway simulator: control ${simulator.controlUrl}/__control (header X-Control-Token: ${simulator.controlToken})`);

const stop = () => {
  void simulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
