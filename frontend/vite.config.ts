/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into target/classes/webapp so Maven packs the page into the server jar under /webapp.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'target/classes/webapp',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The server's CSP forbids inline scripts; never inline the module preload polyfill.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8888' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts'],
    css: false,
  },
});
