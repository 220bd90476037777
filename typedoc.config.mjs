// The API reference (`pnpm run docs` → docs/api/), one entry per package. `npm test` runs it with
// validation warnings as errors: an undocumented export, a broken {@link} or a public class method
// without `@throws` (scripts/typedoc-throws.mjs) fails the build. Needs the packages built
// (they import each other from dist) and the CLI page generated (scripts/cli-reference.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Every published package under packages/, so that a new one is documented without a change
// here; private ones (applications) export no API.
const packages = readdirSync('packages')
  .map((dir) => `packages/${dir}`)
  .filter((dir) => existsSync(`${dir}/package.json`))
  .filter((dir) => !JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')).private);

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 's2gos-ts',
  entryPointStrategy: 'packages',
  entryPoints: packages,
  // A package documents `src/index.ts` unless its own typedoc.json lists more entry points.
  packageOptions: {
    entryPoints: ['src/index.ts'],
    includeVersion: true,
    // Source links point at the public repository whatever the clone's remotes are (CI clones a
    // local path, which TypeDoc cannot link to and warns about).
    disableGit: true,
    sourceLinkTemplate: 'https://github.com/s2gos/s2gos-ts/blob/main/{path}#L{line}',
    excludePrivate: true,
    excludeInternal: true,
    validation: { notExported: false },
    // Sibling packages are read from their sources, not their dist: a symbol re-exported by
    // another package is then the same symbol, and links to it resolve across packages.
    compilerOptions: {
      paths: {
        '@s2gos/config/node': [resolve('packages/config/src/node.ts')],
        '@s2gos/*': [resolve('packages/*/src/index.ts')],
      },
    },
  },
  packagesRequiringDocumentation: packages.map(
    (dir) => JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')).name,
  ),
  readme: 'README.md',
  projectDocuments: ['docs/generated/cli-commands.md'],
  out: 'docs/api',
  plugin: ['./scripts/typedoc-throws.mjs'],
  // What the issue asks of every build; helper types that exports refer to without exporting them
  // (`notExported`) are shown by name.
  validation: { notExported: false, notDocumented: true, invalidLink: true, invalidPath: true },
  // Every exported declaration and every member of an exported class or interface needs a comment.
  // Properties are left out: the models' document types are inferred from valibot schemas, whose
  // properties carry no comments (each schema says what its document is).
  requiredToBeDocumented: [
    'Enum',
    'Variable',
    'Function',
    'Class',
    'Interface',
    'Method',
    'Accessor',
    'TypeAlias',
    'Namespace',
  ],
  treatWarningsAsErrors: true,
};
