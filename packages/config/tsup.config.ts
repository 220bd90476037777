import { defineBuilds } from '../../scripts/tsup-base';
import { perFormatModule } from '../../scripts/tsup-per-format';

export default defineBuilds({
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  // `yaml` is loaded with `require` on first use (`src/yaml.ts`): the ESM build gets one from
  // `createRequire(import.meta.url)`, the CommonJS build its own.
  esbuildPlugins: [perFormatModule('node-require')],
});
