/** The parts of an OpenAPI 3.0 document the fuzzer reads, and the operations it fuzzes. */

export type JsonSchema = boolean | { [keyword: string]: unknown };

interface MediaType {
  schema?: JsonSchema;
}
interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
  security?: unknown[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export const WRITE_METHODS: readonly HttpMethod[] = ['post', 'put', 'patch', 'delete'];

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface DocumentedAnswer {
  /** The JSON schema of an application/json (or problem+json) answer; absent when the answer has no body. */
  schema?: JsonSchema;
  contentType?: string;
}

export interface Operation {
  /** `POST /api/cases/{id}/events` */
  key: string;
  method: HttpMethod;
  /** In OpenAPI form: /api/units/{id}. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The application/json request body's schema, when the operation takes one. */
  bodySchema?: JsonSchema;
  answers: Record<string, DocumentedAnswer>;
  /** Routes served outside Nest (the queue dashboard): no description of their answers to hold them to. */
  undocumented: boolean;
}

const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Every operation of the document, in a stable order (path, then method). */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const path of Object.keys(doc.paths).sort()) {
    for (const method of Object.keys(doc.paths[path]).sort()) {
      const op = doc.paths[path][method];
      const params = op.parameters ?? [];
      const answers: Record<string, DocumentedAnswer> = {};
      for (const [status, response] of Object.entries(op.responses)) {
        const [contentType, media] = Object.entries(response.content ?? {})[0] ?? [];
        // A file (a PDF, a CSV) is described by its media type; only JSON answers are held to a schema.
        answers[status] = { schema: contentType && /json/.test(contentType) ? media?.schema : undefined, contentType };
      }
      operations.push({
        key: operationKey(method, path),
        method: method as HttpMethod,
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, required: true, schema: p.schema ?? {} })),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema ?? {} })),
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
        answers,
        undocumented: false,
      });
    }
  }
  return operations;
}

/** A route the fuzzer covers although the document does not describe it. */
export function undocumentedOperation(method: HttpMethod, path: string): Operation {
  return { key: operationKey(method, path), method, path, pathParams: [], queryParams: [], answers: {}, undocumented: true };
}

/**
 * Resolves `$ref`s. A reference is read against the document first; the Problem component carries
 * zod's own `definitions` and refers into them with `#/definitions/…`, which only resolves against
 * that component, so a reference the document lacks is read against the enclosing schemas too.
 */
export class SchemaResolver {
  constructor(private readonly doc: unknown) {}

  resolve(schema: JsonSchema, enclosing: readonly JsonSchema[] = []): { schema: JsonSchema; enclosing: readonly JsonSchema[] } {
    let current = schema;
    let scopes = enclosing;
    for (let hops = 0; typeof current === 'object' && typeof current.$ref === 'string'; hops++) {
      if (hops > 32) throw new Error(`$ref cycle at ${String(current.$ref)}`);
      const ref: string = current.$ref;
      const nextScopes = [...scopes, current];
      const target = [this.doc, ...[...nextScopes].reverse()].map((root) => pointer(root, ref)).find((found) => found !== undefined);
      if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
      const { $ref: _ref, ...siblings } = current;
      current = Object.keys(siblings).some((k) => !ANNOTATIONS.has(k)) ? { ...siblings, allOf: [target] } : (target as JsonSchema);
      scopes = nextScopes;
    }
    return { schema: current, enclosing: scopes };
  }
}

/** Keywords that describe and never constrain. */
export const ANNOTATIONS = new Set(['description', 'title', 'default', 'example', 'examples', 'deprecated', 'readOnly', 'writeOnly', '$schema', 'definitions', '$defs', 'id', '$id', '$comment']);

function pointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
