/**
 * Layering rules (VS Code style: layers by environment). `npm run layering`
 * fails the build when one is broken.
 */
const IO_MODULES =
  '^(node:)?(fs|fs/promises|net|tls|dgram|http|https|http2|child_process|worker_threads|cluster)$|(^|/)node_modules/(serialport|@serialport/[^/]+|node-hid|ws|pdfkit)/';

module.exports = {
  forbidden: [
    {
      name: 'renderer-no-node',
      comment: 'The renderer is untrusted page code: no Node built-ins.',
      severity: 'error',
      from: { path: '^renderer/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-electron',
      comment: "The renderer never imports 'electron'.",
      severity: 'error',
      from: { path: '^renderer/src' },
      to: { path: '(^|/)node_modules/electron/' },
    },
    {
      name: 'renderer-only-contract',
      comment: 'From electron/, the renderer may import only the Node-free contract.',
      severity: 'error',
      from: { path: '^renderer/src' },
      to: { path: '^electron/', pathNot: '^electron/contract/' },
    },
    {
      name: 'renderer-no-native-mocks',
      severity: 'error',
      from: { path: '^renderer/src' },
      to: { path: '^native-mocks/' },
    },
    {
      name: 'only-shell-imports-electron',
      comment: "Only electron/shell may import 'electron' (the core runs in plain Node too).",
      severity: 'error',
      from: { pathNot: '^electron/shell/' },
      to: { path: '(^|/)node_modules/electron/' },
    },
    {
      name: 'contract-is-node-free',
      comment: 'The contract is shared with the renderer: no Node built-ins, nothing else from electron/.',
      severity: 'error',
      from: { path: '^electron/contract/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'contract-stands-alone',
      severity: 'error',
      from: { path: '^electron/contract/' },
      to: { path: '^(electron/(core|devices|shell|browser-shell)|renderer|native-mocks)/' },
    },
    {
      name: 'core-not-shell',
      comment: 'The core knows nothing of the shells that show it.',
      severity: 'error',
      from: { path: '^electron/core/' },
      to: { path: '^electron/(shell|browser-shell)/' },
    },
    {
      name: 'codecs-are-pure',
      comment: 'Device codecs turn bytes into messages and back: no I/O. Only adapters talk to ports.',
      severity: 'error',
      from: { path: '^electron/devices/', pathNot: '(adapter|transport|/port|\\.test\\.ts$)' },
      to: { path: IO_MODULES },
    },
    {
      name: 'simulators-do-not-imitate-by-importing',
      comment: 'Simulators import codecs, never the adapters they imitate. (Their tests may wire both ends together.)',
      severity: 'error',
      from: { path: '^native-mocks/', pathNot: '\\.test\\.ts$' },
      to: { path: '^electron/devices/.*(adapter|transport)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
