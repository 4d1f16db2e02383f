import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

const here = import.meta.dirname;
const locales = resolve(here, '../resources/locales');

/**
 * The renderer is built once and shown by either shell: served by the core
 * over loopback (browser shell) or from app:// (Electron). Relative asset
 * paths make both work; nothing is fetched from the network, and nothing
 * is inlined into index.html (the page runs under `script-src 'self';
 * style-src 'self'`).
 */
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  resolve: {
    // UI chrome strings live with the other resources, outside the renderer root.
    alias: { '@locales': locales },
  },
  server: { fs: { allow: [here, locales, resolve(here, '../electron/contract'), resolve(here, '../node_modules')] } },
  build: {
    outDir: resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // Fonts and images are files next to the bundle, never data: URLs.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
});
