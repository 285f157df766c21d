import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: built to dist/renderer, loaded by the Electron window (file://) and served by `airlock ui`.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
