import type { FieldProps } from '@rjsf/utils';
import type { JsonSchema } from '@s2gos/models';
import { useEffect, useId, useState } from 'react';
import type { FormState } from './InputsForm.js';

/**
 * A JSON editor for inputs no widget fits (any value, free objects, several types). Text that is
 * not JSON is kept as typed, marked next to the field, and blocks the submission.
 */
export function JsonField(props: FieldProps) {
  const { schema, formData, onChange, fieldPathId, required, disabled, readonly, registry } = props;
  const id = fieldPathId.$id;
  const json = schema as JsonSchema;
  const descriptionId = useId();
  const state = registry.formContext as FormState;
  const [text, setText] = useState(() => show(formData));
  const [problem, setProblem] = useState<string | undefined>();

  // A value set from outside (an imported request) replaces the text unless it means the same.
  useEffect(() => {
    setText((current) => (sameValue(current, formData) ? current : show(formData)));
  }, [formData]);
  useEffect(
    () => () => {
      state.invalidJson.delete(id);
    },
    [state, id],
  );

  const edit = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setProblem(undefined);
      state.invalidJson.delete(id);
      onChange(undefined, fieldPathId.path);
      return;
    }
    try {
      const value: unknown = JSON.parse(next);
      setProblem(undefined);
      state.invalidJson.delete(id);
      onChange(value, fieldPathId.path);
    } catch (error) {
      const message = `Not valid JSON: ${(error as Error).message}`;
      setProblem(message);
      state.invalidJson.set(id, message);
    }
  };

  return (
    <div className="json-field">
      <label htmlFor={id}>
        {json.title ?? props.name}
        {required && <span className="required">*</span>}
        <span className="hint"> (JSON)</span>
      </label>
      {json.description && (
        <p id={descriptionId} className="field-description">
          {json.description}
        </p>
      )}
      <textarea
        id={id}
        className="form-control json"
        rows={Math.min(12, Math.max(3, text.split('\n').length))}
        value={text}
        onChange={(event) => edit(event.target.value)}
        disabled={disabled}
        readOnly={readonly}
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={
          [json.description ? descriptionId : '', problem ? `${id}__json` : '']
            .filter(Boolean)
            .join(' ') || undefined
        }
      />
      {problem && (
        <p id={`${id}__json`} className="text-danger field-error">
          {problem}
        </p>
      )}
    </div>
  );
}

function show(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

function sameValue(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}
