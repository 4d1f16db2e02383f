import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

/**
 * The renderer is built once and shown by either shell: served by the core
 * over loopback (browser shell) or from app:// (Electron). Relative asset
 * paths make both work; nothing is fetched from the network.
 */
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  server: { fs: { allow: [resolve(import.meta.dirname, '..')] } },
  build: {
    outDir: resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
