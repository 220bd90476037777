import type { UiSchema } from '@rjsf/utils';
import type { JsonSchema } from '@s2gos/models';

/**
 * The uiSchema for a converted inputs schema: which inputs get the bounding-box field, which the
 * JSON editor (no type the form library can render), and which turn an emptied field into `null`.
 * Walks nested objects and arrays, so a bbox inside an object gets the same field.
 */
export function uiSchemaFor(schema: JsonSchema): UiSchema {
  const ui: UiSchema = {};
  if (isBbox(schema)) return { 'ui:field': 'bbox' };
  if (needsJsonEditor(schema)) return { 'ui:field': 'json' };
  if (isNullable(schema)) ui['ui:emptyValue'] = null;
  if (schema.properties) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (typeof property === 'object') ui[name] = uiSchemaFor(property);
    }
  }
  if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    ui.items = uiSchemaFor(schema.items);
  }
  return ui;
}

/**
 * An OGC bounding box: `format: ogc-bbox` (an object with a `bbox` list, as OGC API - Processes
 * describes it) or a list of exactly four numbers.
 */
export function isBbox(schema: JsonSchema): boolean {
  if (schema.format === 'ogc-bbox') return true;
  if (!hasType(schema, 'array') || schema.minItems !== 4 || schema.maxItems !== 4) return false;
  const items = Array.isArray(schema.items) ? schema.items : [schema.items];
  return items.every(
    (item) => typeof item === 'object' && (hasType(item, 'number') || hasType(item, 'integer')),
  );
}

// Schemas the form library renders no fitting widget for: no type at all (any JSON value), an
// object without declared properties, or a choice of several types.
function needsJsonEditor(schema: JsonSchema): boolean {
  if (schema.enum || schema.const !== undefined) return false;
  if (schema.anyOf || schema.oneOf || schema.allOf) return false;
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (type) => type !== 'null',
  );
  if (types.length !== 1 || types[0] === undefined) return true;
  return types[0] === 'object' && !schema.properties;
}

function isNullable(schema: JsonSchema): boolean {
  return Array.isArray(schema.type) && schema.type.includes('null');
}

function hasType(schema: JsonSchema, type: string): boolean {
  return Array.isArray(schema.type) ? schema.type.includes(type as never) : schema.type === type;
}
