import Form from '@rjsf/core';
import type { RJSFValidationError } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { ProcessDescription } from '@s2gos/async';
import { inputsJsonSchema } from '@s2gos/models';
import { type ReactNode, useMemo, useRef } from 'react';
import { BboxField } from './BboxField.js';
import { buttonTemplates } from './buttons.js';
import { JsonField } from './JsonField.js';
import { uiSchemaFor } from './ui-schema.js';

/** What the custom fields share with the form: text in JSON editors that is not JSON (by field id). */
export interface FormState {
  invalidJson: Map<string, string>;
}

/** The inputs of a request: input id to value. */
export type Inputs = Record<string, unknown>;

// Formats the service uses that are not JSON Schema's: accepted as they are (they describe
// objects, which string formats never check anyway).
const validator = customizeValidator({ customFormats: { 'ogc-bbox': () => true } });
const fields = { bbox: BboxField, json: JsonField };
const templates = { ButtonTemplates: buttonTemplates };

/**
 * The form generated from a process description: one field per input (label = title, help =
 * description, defaults filled in, required from `minOccurs`), checked by ajv before `onSubmit`
 * is called, with the messages next to the fields.
 */
export function InputsForm({
  description,
  inputs,
  onChange,
  onSubmit,
  children,
}: {
  description: ProcessDescription;
  inputs: Inputs | undefined;
  onChange: (inputs: Inputs) => void;
  onSubmit: (inputs: Inputs) => void;
  /** The buttons, in place of the default submit button. */
  children: ReactNode;
}) {
  // The one converter from the service's schema dialect to JSON Schema, shared with the CLI and
  // the server.
  const schema = useMemo(() => inputsJsonSchema(description), [description]);
  const uiSchema = useMemo(() => uiSchemaFor(schema), [schema]);
  const state = useRef<FormState>({ invalidJson: new Map() }).current;

  const submit = (data: Inputs | undefined) => {
    const [firstInvalid] = state.invalidJson.keys();
    if (firstInvalid !== undefined) {
      document.getElementById(firstInvalid)?.focus();
      return;
    }
    onSubmit(data ?? {});
  };
  return (
    <Form<Inputs>
      schema={schema as never}
      uiSchema={uiSchema}
      formData={inputs}
      validator={validator}
      fields={fields}
      templates={templates}
      formContext={state}
      noHtml5Validate
      showErrorList="top"
      focusOnFirstError
      transformErrors={readableErrors}
      onChange={(event) => onChange(event.formData ?? {})}
      onSubmit={(event) => submit(event.formData)}
    >
      {children}
    </Form>
  );
}

// ajv's messages name JSON Schema keywords; the form names what to enter instead.
function readableErrors(errors: RJSFValidationError[]): RJSFValidationError[] {
  return errors.map((error) => {
    const message = readableMessage(error);
    if (message === undefined || error.message === undefined) return error;
    // The list above the form shows `stack`: the field's name and the message.
    return { ...error, message, stack: error.stack.replace(error.message, message) };
  });
}

function readableMessage(error: RJSFValidationError): string | undefined {
  const limit = (error.params as { limit?: unknown } | undefined)?.limit;
  switch (error.name) {
    case 'maximum':
      return `must be at most ${limit}`;
    case 'minimum':
      return `must be at least ${limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${limit}`;
    case 'exclusiveMinimum':
      return `must be greater than ${limit}`;
    case 'required':
      return 'is required';
    default:
      return undefined;
  }
}
