/**
 * Every inline example of the shared specifications parses with the schema of the document it
 * illustrates. The YAML files are a verbatim copy of the project's shared specifications
 * (`test/fixtures/spec`, provenance in its README.md), so a fresh clone tests them on its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import * as models from '../src/index.js';
import { type ModelSchema, safeParseModel } from '../src/index.js';

const specDir = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'spec');

// Document names of the s2gos YAML (`#/components/schemas/<Name>`) are ours; the OGC files are
// named differently.
const ogcFileNames: Record<string, string> = {
  additionalParameter: 'AdditionalParameter',
  bbox: 'Bbox',
  confClasses: 'ConformanceDeclaration',
  descriptionType: 'DescriptionType',
  exception: 'ApiError',
  execute: 'ProcessRequest',
  format: 'Format',
  inlineOrRefData: 'InlineOrRefValue',
  inputDescription: 'InputDescription',
  jobControlOptions: 'JobControlOptions',
  jobList: 'JobList',
  landingPage: 'Capabilities',
  link: 'Link',
  metadata: 'Metadata',
  output: 'Output',
  outputDescription: 'OutputDescription',
  process: 'ProcessDescription',
  processList: 'ProcessList',
  processSummary: 'ProcessSummary',
  qualifiedInputValue: 'QualifiedValue',
  results: 'JobResults',
  schema: 'Schema',
  statusCode: 'JobStatus',
  statusInfo: 'JobInfo',
  subscriber: 'Subscriber',
  transmissionMode: 'TransmissionMode',
};

type Yaml = { [key: string]: unknown };
type Example = { where: string; document: string; schema: ModelSchema; value: unknown };

const isMap = (value: unknown): value is Yaml =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function schemaByName(name: string | undefined): ModelSchema | undefined {
  const schema = name ? (models as Record<string, unknown>)[`${name}Schema`] : undefined;
  return schema as ModelSchema | undefined;
}

function documentName(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const component = /^#\/components\/schemas\/(\w+)$/.exec(ref);
  if (component) return schemaByName(component[1]) ? component[1] : undefined;
  const file = /([\w]+)\.yaml$/.exec(ref);
  return file ? ogcFileNames[file[1] as string] : undefined;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return entry.name.endsWith('.yaml') ? [path] : [];
  });
}

// Examples of media types: `content: { <type>: { schema: { $ref }, example | examples } }`.
function mediaExamples(node: unknown, where: string, found: Example[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => {
      mediaExamples(item, `${where}[${index}]`, found);
    });
  }
  if (!isMap(node)) return;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'content' && isMap(child)) {
      for (const [mediaType, media] of Object.entries(child)) {
        if (!isMap(media) || !isMap(media.schema)) continue;
        const document = documentName(media.schema.$ref);
        const schema = schemaByName(document);
        if (!document || !schema) continue;
        const at = `${where}.content[${mediaType}]`;
        if ('example' in media) found.push({ where: at, document, schema, value: media.example });
        for (const [name, example] of Object.entries(isMap(media.examples) ? media.examples : {})) {
          if (isMap(example) && 'value' in example) {
            found.push({ where: `${at}.examples.${name}`, document, schema, value: example.value });
          }
        }
      }
    }
    mediaExamples(child, `${where}.${key}`, found);
  }
}

// Examples inside a document's schema: of the whole document, or of one member (`properties.x`
// or the items of a list member), checked with the schema of that member.
function schemaExamples(document: string, node: Yaml, where: string, found: Example[]): void {
  const schema = schemaByName(document);
  if (!schema) return;
  if ('example' in node) found.push({ where, document, schema, value: node.example });
  const entries = (schema as unknown as { entries?: Record<string, ModelSchema> }).entries ?? {};
  const parts = [node, ...(Array.isArray(node.allOf) ? node.allOf : [])].filter(isMap);
  for (const part of parts) {
    for (const [member, property] of Object.entries(
      isMap(part.properties) ? part.properties : {},
    )) {
      const memberSchema = entries[member];
      if (!isMap(property) || !memberSchema) continue;
      const at = `${where}.properties.${member}`;
      const target = `${document}.${member}`;
      if ('example' in property) {
        found.push({ where: at, document: target, schema: memberSchema, value: property.example });
      }
      if (isMap(property.items) && 'example' in property.items) {
        const value = [property.items.example];
        found.push({ where: `${at}.items`, document: target, schema: memberSchema, value });
      }
    }
  }
}

function collectExamples(files: string[]): Example[] {
  const found: Example[] = [];
  for (const file of files) {
    const tree: unknown = parseYaml(readFileSync(file, 'utf8'));
    const name = relative(specDir, file);
    mediaExamples(tree, name, found);
    const components = isMap(tree) && isMap(tree.components) ? tree.components.schemas : undefined;
    for (const [document, node] of Object.entries(isMap(components) ? components : {})) {
      if (isMap(node))
        schemaExamples(document, node, `${name}#/components/schemas/${document}`, found);
    }
    const ogcDocument = ogcFileNames[basename(file, '.yaml')];
    if (ogcDocument && name.includes('/schemas/') && isMap(tree)) {
      schemaExamples(ogcDocument, tree, name, found);
    }
  }
  return found;
}

const fileSets = [
  { name: 's2gos-openapi.yaml', files: [join(specDir, 's2gos-openapi.yaml')] },
  { name: 'ogcapi-processes-1.0', files: yamlFiles(join(specDir, 'ogcapi-processes-1.0')) },
];

describe.each(fileSets)('inline examples of $name', ({ files }) => {
  const examples = collectExamples(files);

  it('finds examples to check', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((example) => [`${example.where} (${example.document})`, example] as const))(
    '%s parses',
    (_, example) => {
      const result = safeParseModel(example.schema, example.value);
      expect(result.success ? [] : result.issues).toEqual([]);
    },
  );
});

// The walker must not treat everything as valid: a broken copy of an example fails.
it('reports a broken example', () => {
  const [example] = collectExamples([join(specDir, 's2gos-openapi.yaml')]).filter(
    (candidate) => candidate.document === 'ConformanceDeclaration',
  );
  expect(example).toBeDefined();
  const broken = { conformsTo: [42] };
  const result = safeParseModel(example?.schema as v.GenericSchema, broken);
  expect(result.success).toBe(false);
});
