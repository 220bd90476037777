// One vitest project per package; each package may refine its own settings in vitest.config.ts.
export default ['packages/*'];
