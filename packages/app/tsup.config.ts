import { defineConfig } from 'tsup';
import { perFormatModule } from '../../scripts/tsup-per-format';

// The Node entry only (where the built web app lives, and its files); Vite builds the app itself
// into dist/www first, so this build must not clean dist.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: false,
  sourcemap: true,
  target: 'node20',
  esbuildPlugins: [perFormatModule('app-directory')],
});
