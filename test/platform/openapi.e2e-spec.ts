import { ACTION_RULES } from '#flyt/access';
import { type DeclaredRoute, declaredRoutes, toOpenApiPath } from '../support/declared-routes.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface Operation {
  summary?: string;
  parameters?: { in: string; name: string; schema?: { type?: string } }[];
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  security?: unknown[];
}
type OpenApi = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

/** What Express actually serves, docs pages aside. */
function servedRoutes(api: TestApi): string[] {
  const router = api.app.getHttpAdapter().getInstance().router as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  return router.stack
    .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => `${m} ${toOpenApiPath(layer.route!.path)}`) : []))
    .filter((route) => !/ \/docs/.test(route) && !route.startsWith('_all'))
    .sort();
}

const isProblemAnswer = (response: Operation['responses'][string]) =>
  response.content?.['application/problem+json']?.schema?.$ref === '#/components/schemas/Problem';

describe('the OpenAPI description at /docs-json', () => {
  let api: TestApi;
  let doc: OpenApi;
  let routes: DeclaredRoute[];

  beforeAll(async () => {
    api = await startTestApi();
    const response = await api.http.get('/docs-json');
    expect(response.status).toBe(200);
    doc = response.body;
    routes = declaredRoutes(api.app);
  });
  afterAll(() => api.close());

  it('describes exactly the routes the API serves', () => {
    const documented = Object.entries(doc.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(servedRoutes(api));
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(documented);
  });

  it('gives every operation a summary and a successful answer with its schema', () => {
    const incomplete: string[] = [];
    for (const { method, path } of routes) {
      const op = doc.paths[path][method];
      if (!op.summary?.trim()) incomplete.push(`${method} ${path}: no summary`);
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      if (success.length === 0) incomplete.push(`${method} ${path}: no 2xx answer`);
      for (const [status, response] of success) {
        if (status === '204') continue;
        // JSON, or a file (a PDF, a CSV) described by its media type.
        const schema = response.content?.['application/json']?.schema ?? Object.values(response.content ?? {})[0]?.schema;
        if (!schema || Object.keys(schema).length === 0) incomplete.push(`${method} ${path}: ${status} has no schema`);
      }
      if (op.requestBody) {
        const schema = op.requestBody.content?.['application/json']?.schema;
        if (!schema || Object.keys(schema).length === 0) incomplete.push(`${method} ${path}: request body has no schema`);
      }
    }
    expect(incomplete).toEqual([]);
  });

  it('documents every error an operation can answer with, as problem+json', () => {
    const missing: string[] = [];
    for (const { method, path, policy } of routes) {
      const op = doc.paths[path][method];
      const statuses = Object.keys(op.responses);
      const expectError = (status: string, why: string) => {
        if (!statuses.includes(status)) missing.push(`${method} ${path}: ${status} (${why})`);
      };
      if (path.startsWith('/api/')) {
        const takesInput = Boolean(op.requestBody) || (op.parameters ?? []).length > 0;
        if (takesInput) expectError('400', 'it takes input');
        // A number in the path (a plan's year) names no resource that could be missing.
        const namesResource = (op.parameters ?? []).some((p) => p.in === 'path' && p.schema?.type !== 'integer');
        if (namesResource) expectError('404', 'it names a resource');
      }
      if (!('public' in policy)) {
        expectError('401', 'it needs a token');
        if (!op.security?.length) missing.push(`${method} ${path}: no bearer security requirement`);
        // A route that checks the resource itself may instead narrow what it answers (a list of
        // the users you may see); the role × endpoint matrix holds it to its real answers.
        if (!('everyone' in ACTION_RULES[policy.action]) && !policy.resource) expectError('403', `${policy.action} is not for everyone`);
      }
      // /health answers 503 with its own report of what is down, not with a problem.
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400 && Number(status) < 500 && !isProblemAnswer(response)) missing.push(`${method} ${path}: ${status} is not problem+json`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names the schemas of bodies and answers as reusable components', () => {
    for (const name of ['Problem', 'Unit', 'CreateUnit', 'User', 'CreateUser', 'ProcessDetail', 'RoleAssignment', 'Mandate', 'CreateMandate']) {
      expect(Object.keys(doc.components.schemas)).toContain(name);
    }
  });
});
