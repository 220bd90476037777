/** The two ways to validate a document: throwing, or returning a result. */
import * as v from 'valibot';
import { type ModelIssue, ModelValidationError, type SchemaNode, toModelIssues } from './errors.js';

/** Any schema of this package (or any other synchronous valibot schema). */
export type ModelSchema = v.GenericSchema<unknown, unknown, v.BaseIssue<unknown>>;

/** The result of {@link safeParseModel}. */
export type SafeParseModelResult<TSchema extends ModelSchema> =
  | { success: true; output: v.InferOutput<TSchema> }
  | { success: false; issues: ModelIssue[]; error: ModelValidationError };

/**
 * Validates `input` against `schema` and returns the typed, normalised document.
 *
 * @throws {ModelValidationError} when the input does not match; its message names every failing
 * path, what was expected there and what was received.
 */
export function parseModel<TSchema extends ModelSchema>(
  schema: TSchema,
  input: unknown,
): v.InferOutput<TSchema> {
  const result = safeParseModel(schema, input);
  if (!result.success) throw result.error;
  return result.output;
}

/** Like {@link parseModel}, but returns `{ success, output }` or `{ success, issues, error }` instead of throwing. */
export function safeParseModel<TSchema extends ModelSchema>(
  schema: TSchema,
  input: unknown,
): SafeParseModelResult<TSchema> {
  const result = v.safeParse(schema, input);
  if (result.success) return { success: true, output: result.output };
  const issues = toModelIssues(result.issues, schema as unknown as SchemaNode);
  return { success: false, issues, error: new ModelValidationError(issues) };
}
