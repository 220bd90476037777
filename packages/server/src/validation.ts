import type { JsonSchema } from '@s2gos/models';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { ProblemIssue } from './errors.js';

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin })
  .default ?? addFormatsPlugin) as typeof addFormatsPlugin;

/** Checks a value and fills in schema defaults; returns the problems found (empty: valid). */
export type Validator = (value: unknown) => ProblemIssue[];

/**
 * Creates the ajv instance shared by all validators of an app.
 *
 * `strict: false` because process descriptions use the OpenAPI 3.0 Schema dialect, whose
 * annotations (`example`, `discriminator`) and formats (`binary`, `ogc-bbox`) ajv does not know;
 * unknown formats pass.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, logger: false });
  addFormats(ajv);
  return ajv;
}

/** Compiles a validator whose issues have paths below `root` (e.g. `inputs.min_val`). */
export function compileValidator(ajv: Ajv, schema: JsonSchema, root: string): Validator {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value) => (validate(value) ? [] : issuesOf(validate.errors ?? [], root));
}

function issuesOf(errors: readonly ErrorObject[], root: string): ProblemIssue[] {
  const issues: ProblemIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const issue = issueOf(error, root);
    const key = `${issue.path}\0${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

function issueOf(error: ErrorObject, root: string): ProblemIssue {
  const path = joinPath(root, error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: joinName(path, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: joinName(path, String(params.additionalProperty)), message: 'is not known' };
    case 'enum':
      return {
        path,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { path, message: error.message ?? `fails '${error.keyword}'` };
  }
}

/** Turns a JSON pointer (`/bbox/bbox/0`) into a dotted path (`inputs.bbox.bbox[0]`). */
function joinPath(root: string, pointer: string): string {
  let path = root;
  for (const token of pointer.split('/').slice(1)) {
    const name = token.replaceAll('~1', '/').replaceAll('~0', '~');
    path = /^\d+$/.test(name) ? `${path}[${name}]` : joinName(path, name);
  }
  return path;
}

function joinName(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
