import type { ErrorSchema, FieldProps } from '@rjsf/utils';
import type { JsonSchema } from '@s2gos/models';
import { type ChangeEvent, useId } from 'react';

const CORNERS = [
  { key: 'west', label: 'West', hint: 'minimum longitude' },
  { key: 'south', label: 'South', hint: 'minimum latitude' },
  { key: 'east', label: 'East', hint: 'maximum longitude' },
  { key: 'north', label: 'North', hint: 'maximum latitude' },
] as const;

type Coordinates = (number | null)[];
interface BboxObject {
  bbox?: Coordinates;
  crs?: string;
  [member: string]: unknown;
}

/**
 * A bounding box as four labelled numbers (west, south, east, north) and, for an `ogc-bbox`
 * object, its CRS. Values are checked by the form's validator like any other field; its messages
 * for the coordinates are shown under the numbers.
 */
export function BboxField(props: FieldProps) {
  const { schema, formData, onChange, fieldPathId, required, disabled, readonly, errorSchema } =
    props;
  const id = fieldPathId.$id;
  const descriptionId = useId();
  const json = schema as JsonSchema;
  const isObject = json.format === 'ogc-bbox' || json.type === 'object';
  const coordinatesSchema = isObject ? (json.properties?.bbox as JsonSchema | undefined) : json;
  const crsSchema = isObject ? (json.properties?.crs as JsonSchema | undefined) : undefined;
  const value = (isObject ? (formData as BboxObject | undefined)?.bbox : formData) as
    | Coordinates
    | undefined;
  const coordinates: Coordinates = [0, 1, 2, 3].map((i) => value?.[i] ?? null);

  const emit = (next: Coordinates, crs?: string) => {
    const empty = next.every((n) => n === null);
    if (!isObject) {
      onChange(empty ? undefined : next, fieldPathId.path);
      return;
    }
    const current = (formData as BboxObject | undefined) ?? {};
    const nextCrs = crs ?? current.crs ?? (crsSchema?.default as string | undefined);
    onChange(
      empty && crs === undefined
        ? undefined
        : { ...current, bbox: next, ...(nextCrs ? { crs: nextCrs } : {}) },
      fieldPathId.path,
    );
  };
  const setCorner = (index: number) => (event: ChangeEvent<HTMLInputElement>) => {
    const next = [...coordinates];
    const number = event.target.valueAsNumber;
    next[index] = Number.isNaN(number) ? null : number;
    emit(next);
  };
  const messages = collectErrors(errorSchema);

  return (
    <fieldset
      className="bbox"
      id={id}
      aria-describedby={json.description ? descriptionId : undefined}
    >
      <legend>
        {json.title ?? props.name}
        {required && <span className="required">*</span>}
      </legend>
      {json.description && (
        <p id={descriptionId} className="field-description">
          {json.description}
        </p>
      )}
      <div className="bbox-corners">
        {CORNERS.map(({ key, label, hint }, index) => {
          const item = itemSchema(coordinatesSchema, index);
          return (
            <div key={key} className="bbox-corner">
              <label htmlFor={`${id}_${key}`}>
                {label} <span className="hint">({hint})</span>
              </label>
              <input
                id={`${id}_${key}`}
                type="number"
                className="form-control"
                step="any"
                min={item?.minimum}
                max={item?.maximum}
                value={coordinates[index] ?? ''}
                onChange={setCorner(index)}
                disabled={disabled}
                readOnly={readonly}
              />
            </div>
          );
        })}
      </div>
      {crsSchema && (
        <div className="bbox-crs">
          <label htmlFor={`${id}_crs`}>Coordinate reference system</label>
          {crsSchema.enum ? (
            <select
              id={`${id}_crs`}
              className="form-control"
              value={(formData as BboxObject | undefined)?.crs ?? String(crsSchema.default ?? '')}
              onChange={(event) => emit(coordinates, event.target.value)}
              disabled={disabled || readonly}
            >
              {crsSchema.enum.map((option) => (
                <option key={String(option)} value={String(option)}>
                  {String(option)}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${id}_crs`}
              className="form-control"
              value={(formData as BboxObject | undefined)?.crs ?? ''}
              onChange={(event) => emit(coordinates, event.target.value)}
              disabled={disabled}
              readOnly={readonly}
            />
          )}
        </div>
      )}
      {messages.length > 0 && (
        <ul className="error-detail field-errors" aria-live="polite">
          {messages.map((message) => (
            <li key={message} className="text-danger">
              {message}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function itemSchema(schema: JsonSchema | undefined, index: number): JsonSchema | undefined {
  const items = schema?.items;
  const item = Array.isArray(items) ? items[index] : items;
  return typeof item === 'object' ? item : undefined;
}

// The messages for the coordinates and the CRS, named after what they are about.
function collectErrors(errorSchema: ErrorSchema | undefined, prefix = ''): string[] {
  if (!errorSchema) return [];
  const messages: string[] = [];
  for (const [key, value] of Object.entries(errorSchema)) {
    if (key === '__errors') {
      if (!Array.isArray(value)) continue;
      messages.push(...value.map((m: string) => (prefix ? `${prefix}: ${m}` : m)));
    } else if (value && typeof value === 'object') {
      const corner = CORNERS[Number(key)];
      const name = corner ? corner.label : key === 'bbox' ? '' : key;
      messages.push(...collectErrors(value as ErrorSchema, name || prefix));
    }
  }
  return messages;
}
