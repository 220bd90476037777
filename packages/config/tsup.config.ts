import { defineConfig } from 'tsup';
import { perFormatModule } from '../../scripts/tsup-per-format';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // `yaml` is loaded with `require` on first use (`src/yaml.ts`): the ESM build gets one from
  // `createRequire(import.meta.url)`, the CommonJS build its own.
  esbuildPlugins: [perFormatModule('node-require')],
});
