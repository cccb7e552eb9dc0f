import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { nodePolyfills } from 'vite-plugin-node-polyfills';

// The renderer is one static bundle, loaded by Electron from app://tandem/ and served by
// the signaling server to consultants working from a browser; relative paths serve both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [
    react(),
    // simple-peer expects Node's buffer/process/events and a `global`; without these the
    // build succeeds but fails at run time. Nothing else of Node is polyfilled.
    nodePolyfills({ include: ['buffer', 'process', 'events'], globals: { Buffer: true, process: true, global: true } }),
  ],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome130',
    // The app, and the click-through overlay that shows the consultant's drawings (electron/main/overlay-window.ts).
    rollupOptions: { input: { main: 'renderer/index.html', overlay: 'renderer/overlay.html' } },
  },
});
