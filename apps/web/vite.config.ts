import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { loginBudget } from './budget';
import { chunking } from './chunking';
import { shellPreload } from './shell-preload';

const chunks = chunking();

export default defineConfig({
  // Brotli and gzip copies beside each file: the API serves them to browsers that accept them
  // (docs/api.md#static-files).
  plugins: [
    react(),
    chunks.plugin,
    shellPreload(),
    compression({ algorithms: ['gzip', 'brotliCompress'] }),
    loginBudget(),
  ],
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // the files every page loads, one file per group (chunking.ts)
    rolldownOptions: { output: { codeSplitting: chunks.codeSplitting } },
  },
});
