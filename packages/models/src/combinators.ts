/**
 * The building blocks every document schema is made of. They encode the leniency rules that apply
 * everywhere: objects keep members they don't know, but a list is never an object; an optional
 * member that is `null` reads as absent.
 *
 * Objects, maps and lists are checked by the small runners below rather than by valibot's own
 * `looseObject`, `record` and `array`, for two reasons: valibot's object schemas accept arrays,
 * and they copy every object and list they check. These runners copy only what they change
 * (copy-on-write), so validating a large document that needs no normalisation allocates almost
 * nothing. The schemas have the shape, types, issues and paths of valibot's (`type: 'loose_object'`,
 * `entries`, ...); their `reference` is the function here that made them. They implement valibot's
 * schema contract with valibot's public functions only, so they run on every valibot 1.x.
 */
import * as v from 'valibot';

type AnySchema = v.GenericSchema<unknown, unknown, v.BaseIssue<unknown>>;
type Dataset = { value: unknown; typed: boolean; issues?: v.BaseIssue<unknown>[] | undefined };
type PathItem = NonNullable<v.BaseIssue<unknown>['path']>[number];

const hasOwn = (object: object, key: string) => Object.hasOwn(object, key);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Moves the issues of a member's dataset to its parent, prefixed with the member's path item.
function adoptIssues(parent: Dataset, child: Dataset, item: PathItem): void {
  for (const issue of child.issues ?? []) {
    if (issue.path) issue.path.unshift(item);
    else (issue as { path: PathItem[] }).path = [item];
    if (parent.issues) parent.issues.push(issue);
    else parent.issues = [issue];
  }
  if (!child.typed) parent.typed = false;
}

// Object.assign copies JSON.parse'd objects many times faster than spread in V8 (see bench/), but
// it would run the `__proto__` setter for an own `__proto__` member, which spread copies as data.
function copyObject(input: Record<string, unknown>): Record<string, unknown> {
  return hasOwn(input, '__proto__') ? { ...input } : Object.assign({}, input);
}

function isOptional(schema: AnySchema): boolean {
  return (
    schema.type === 'optional' || schema.type === 'nullish' || schema.type === 'exact_optional'
  );
}

type RunConfig = v.Config<v.BaseIssue<unknown>>;
type IssueSource = Pick<AnySchema, 'kind' | 'type' | 'expects' | 'reference'> & {
  message?: v.ErrorMessage<v.BaseIssue<unknown>> | undefined;
};

/** The `~standard` member of a schema (Standard Schema v1), through valibot's `safeParse`. */
function withStandardProps<TSchema extends AnySchema>(schema: Omit<TSchema, '~standard'>): TSchema {
  const complete = schema as TSchema;
  Object.assign(complete, {
    '~standard': {
      version: 1,
      vendor: 'valibot',
      validate(value: unknown) {
        const result = v.safeParse(complete, value);
        return result.success ? { value: result.output } : { issues: result.issues };
      },
    },
  });
  return complete;
}

/** Adds an issue the way valibot's own schemas do, with its message lookup (global, schema, specific). */
function addIssue(
  schema: IssueSource,
  label: string,
  dataset: Dataset,
  config: RunConfig,
  other?: { input?: unknown; expected?: string; path?: PathItem[] },
): void {
  const input = other && 'input' in other ? other.input : dataset.value;
  const expected = other?.expected ?? schema.expects ?? null;
  const received = stringify(input);
  const issue = {
    kind: schema.kind,
    type: schema.type,
    input,
    expected,
    received,
    message: `Invalid ${label}: ${expected ? `Expected ${expected} but r` : 'R'}eceived ${received}`,
    path: other?.path,
    lang: config.lang,
    abortEarly: config.abortEarly,
    abortPipeEarly: config.abortPipeEarly,
  } as { -readonly [K in keyof v.BaseIssue<unknown>]: v.BaseIssue<unknown>[K] };
  const message =
    schema.message ??
    v.getSpecificMessage(schema.reference as never, issue.lang) ??
    v.getSchemaMessage(issue.lang) ??
    config.message ??
    v.getGlobalMessage(issue.lang);
  if (message !== undefined) {
    issue.message = typeof message === 'function' ? message(issue as never) : message;
  }
  dataset.typed = false;
  if (dataset.issues) dataset.issues.push(issue);
  else dataset.issues = [issue];
}

/** How valibot names a received value in issues: `"text"`, `12`, `Array`, `null`, `undefined`. */
function stringify(input: unknown): string {
  const type = typeof input;
  if (type === 'string') return `"${input}"`;
  if (type === 'number' || type === 'bigint' || type === 'boolean') return `${input}`;
  if (type === 'object' || type === 'function') {
    return (input && Object.getPrototypeOf(input)?.constructor?.name) ?? 'null';
  }
  return type;
}

/**
 * The frame the container runners below share: a valibot schema whose run reports a `type` issue
 * for an input of the wrong kind and otherwise marks the dataset typed and hands the input to
 * `check`, which sets the output (and gets the schema, to report issues of its own).
 */
function containerSchema<TSchema extends AnySchema, TInput>(
  properties: Pick<TSchema, 'type' | 'reference' | 'expects'> & Record<string, unknown>,
  accepts: (input: unknown) => input is TInput,
  check: (data: Dataset, input: TInput, config: RunConfig, schema: TSchema) => void,
): TSchema {
  return withStandardProps<TSchema>({
    kind: 'schema',
    async: false,
    message: undefined,
    ...properties,
    '~run'(dataset: Dataset, config: RunConfig) {
      if (!accepts(dataset.value)) {
        addIssue(this as never, 'type', dataset, config);
        return dataset;
      }
      dataset.typed = true;
      check(dataset, dataset.value, config, this as never);
      return dataset;
    },
  } as never);
}

/**
 * An object with the given members that preserves every other member it receives and rejects
 * arrays. A missing required member is reported with what the member expects (`expected string`).
 * `normalise`, when given, runs on a valid result and must return a new object to change it.
 */
// @__NO_SIDE_EFFECTS__
export function jsonObject<const TEntries extends v.ObjectEntries>(
  entries: TEntries,
  normalise?: (output: v.InferOutput<v.LooseObjectSchema<TEntries, undefined>>) => object,
): v.LooseObjectSchema<TEntries, undefined> {
  const keys = Object.keys(entries);
  const schemas = keys.map((key) => entries[key] as AnySchema);
  const optional = schemas.map(isOptional);
  const withDefault = schemas.map((schema) => v.getDefault(schema as never) !== undefined);
  return containerSchema<v.LooseObjectSchema<TEntries, undefined>, Record<string, unknown>>(
    {
      type: 'loose_object',
      reference: jsonObject as unknown as typeof v.looseObject,
      expects: 'Object',
      entries,
    },
    isPlainObject,
    (data, input, config, schema) => {
      let output = input;
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index] as string;
        const member = schemas[index] as AnySchema;
        const present = key in input;
        if (!present && !withDefault[index]) {
          if (!optional[index]) {
            addIssue(schema, 'key', data, config, {
              input: undefined,
              expected: member.expects,
              path: [{ type: 'object', origin: 'key', input, key, value: undefined }],
            });
            if (config.abortEarly) break;
          }
          continue;
        }
        const value = input[key];
        const result = member['~run']({ value }, config) as Dataset;
        if (result.issues) adoptIssues(data, result, objectItem(input, key, value));
        if (result.value !== value || !present) {
          if (output === input) output = copyObject(input);
          // A member that reads as absent (`null`) is left out, not kept as `undefined`.
          if (result.value === undefined) delete output[key];
          else output[key] = result.value;
        }
        if (data.issues && config.abortEarly) break;
      }
      data.value = normalise && !data.issues ? normalise(output as never) : output;
    },
  );
}

function objectItem(input: Record<string, unknown>, key: string, value: unknown): PathItem {
  return { type: 'object', origin: 'value', input, key, value } as PathItem;
}

/** A map from string keys to values of one schema; arrays are rejected. */
// @__NO_SIDE_EFFECTS__
export function jsonRecord<const TValue extends AnySchema>(
  value: TValue,
): v.RecordSchema<v.StringSchema<undefined>, TValue, undefined> {
  return containerSchema<
    v.RecordSchema<v.StringSchema<undefined>, TValue, undefined>,
    Record<string, unknown>
  >(
    {
      type: 'record',
      reference: jsonRecord as unknown as typeof v.record,
      expects: 'Object',
      key: v.string(),
      value,
    },
    isPlainObject,
    (data, input, config) => {
      let output = input;
      for (const key in input) {
        if (!hasOwn(input, key) || key === '__proto__') continue;
        const entry = input[key];
        const member = value['~run']({ value: entry }, config) as Dataset;
        if (member.issues) adoptIssues(data, member, objectItem(input, key, entry));
        if (member.value !== entry) {
          if (output === input) output = copyObject(input);
          output[key] = member.value;
        }
        if (data.issues && config.abortEarly) break;
      }
      data.value = output;
    },
  );
}

/** A list of items of one schema. */
// @__NO_SIDE_EFFECTS__
export function jsonArray<const TItem extends AnySchema>(
  item: TItem,
): v.ArraySchema<TItem, undefined> {
  return containerSchema<v.ArraySchema<TItem, undefined>, unknown[]>(
    { type: 'array', reference: jsonArray as unknown as typeof v.array, expects: 'Array', item },
    Array.isArray,
    (data, input, config) => {
      let output = input;
      for (let index = 0; index < input.length; index++) {
        const entry: unknown = input[index];
        const member = item['~run']({ value: entry }, config) as Dataset;
        if (member.issues) adoptIssues(data, member, arrayItem(input, index, entry));
        if (member.value !== entry) {
          if (output === input) output = input.slice();
          output[index] = member.value;
        }
        if (data.issues && config.abortEarly) break;
      }
      data.value = output;
    },
  );
}

function arrayItem(input: unknown[], key: number, value: unknown): PathItem {
  return { type: 'array', origin: 'value', input, key, value } as PathItem;
}

/**
 * An optional member: absent, `undefined` and `null` all read as absent. A `null` input leaves
 * the member out of the output, so the inferred type is `T | undefined`, never `null`.
 */
// @__NO_SIDE_EFFECTS__
export function optionalMember<const TWrapped extends AnySchema>(
  wrapped: TWrapped,
): v.OptionalSchema<TWrapped, undefined> {
  return withStandardProps<v.OptionalSchema<TWrapped, undefined>>({
    kind: 'schema',
    type: 'optional',
    reference: optionalMember as unknown as typeof v.optional,
    expects: `(${wrapped.expects} | undefined)`,
    async: false,
    wrapped,
    default: undefined,
    '~run'(dataset, config) {
      if (dataset.value === null || dataset.value === undefined) {
        const absent = dataset as Dataset;
        absent.value = undefined;
        absent.typed = true;
        return absent as never;
      }
      return wrapped['~run'](dataset, config) as never;
    },
  });
}
