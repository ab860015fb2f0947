/** Vite build for the web app: source in web/, output in web/dist (served by the pmo server). */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npm run dev` serves the API on 3000; the Vite dev server proxies to it.
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
