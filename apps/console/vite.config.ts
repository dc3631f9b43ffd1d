import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Served by every node under /console/; asset names carry a content hash so the node can mark
// them immutable (packages/web's static handler), while index.html is always revalidated.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // A strict CSP (no inline script or style) forbids Vite's inline module preload polyfill.
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `pnpm --filter @artemis/console dev` against a node on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080', '/socket.io': { target: 'http://127.0.0.1:8080', ws: true } },
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
  },
});
