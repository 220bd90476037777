import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: relative asset URLs and hash routes, so the same build works at `/` (`s2gos app`),
// at `/app/` (`s2gos-server --app`) and from any static host. The Node entry (`src/index.ts`,
// built by tsup) locates this output for the CLI and the server.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist/www',
    emptyOutDir: true,
    target: 'es2022',
    // The bench reports the gzipped sizes; Vite's own report would print them on every build.
    reportCompressedSize: false,
  },
});
