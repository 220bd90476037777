import * as v from 'valibot';
import { jsonArray, jsonObject } from '../combinators.js';

/** The conformance declaration (`GET /conformance`): the URIs of the conformance classes. */
export const ConformanceDeclarationSchema = jsonObject({
  conformsTo: jsonArray(v.string()),
});

/** The conformance classes the service implements. */
export type ConformanceDeclaration = v.InferOutput<typeof ConformanceDeclarationSchema>;
