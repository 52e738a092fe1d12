import { percentEncode, RawJson, serialise, defineKey } from './hostile-values.js';
import { JsonSchemaValidator } from './json-schema-validator.js';

// The fuzzer's own tools: a validator that accepted everything would let every answer pass.

const DOC = {
  components: {
    schemas: {
      Unit: {
        type: 'object',
        properties: { id: { type: 'string', format: 'uuid' }, code: { type: 'string', minLength: 2, maxLength: 3 }, parentId: { type: 'string', nullable: true } },
        required: ['id', 'code'],
        additionalProperties: false,
      },
      Scope: {
        oneOf: [
          { type: 'object', properties: { kind: { type: 'string', enum: ['global'] } }, required: ['kind'], additionalProperties: false },
          { type: 'object', properties: { kind: { type: 'string', enum: ['unit'] }, unitId: { type: 'string' } }, required: ['kind', 'unitId'], additionalProperties: false },
        ],
      },
      // As zod writes it: its own definitions, referred to from inside the component.
      Problem: { $ref: '#/definitions/Problem', definitions: { Problem: { type: 'object', properties: { status: { type: 'integer' } }, required: ['status'] } } },
    },
  },
};
const validator = new JsonSchemaValidator(DOC);
const UNIT = { $ref: '#/components/schemas/Unit' };
const ID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe('the fuzzer’s JSON-schema validator', () => {
  it('accepts what the schema describes, null where it is nullable', () => {
    expect(validator.errors({ id: ID, code: 'NV', parentId: null }, UNIT)).toEqual([]);
  });

  it('names each way a value breaks the schema, with its path', () => {
    const errors = validator.errors({ id: 'not-a-uuid', code: 'ÆØÅÆ', extra: 1 }, UNIT);
    expect(errors).toEqual([
      '$.id: "not-a-uuid" is not a uuid',
      '$.code: longer than 3',
      '$: has the property "extra", which the schema does not allow',
    ]);
    expect(validator.errors({ code: 'NV' }, UNIT)).toEqual(['$: misses the required property "id"']);
  });

  it('tells integers from numbers and counts characters, not UTF-16 units', () => {
    expect(validator.errors(1.5, { type: 'integer' })).toHaveLength(1);
    expect(validator.errors('😀😀', { type: 'string', maxLength: 2 })).toEqual([]);
  });

  it('holds oneOf to exactly one branch and resolves zod’s own definitions', () => {
    expect(validator.errors({ kind: 'unit', unitId: ID }, { $ref: '#/components/schemas/Scope' })).toEqual([]);
    expect(validator.errors({ kind: 'unit' }, { $ref: '#/components/schemas/Scope' })).toHaveLength(1);
    expect(validator.errors({ status: 'x' }, { $ref: '#/components/schemas/Problem' })).toHaveLength(1);
  });

  it('refuses impossible calendar days and times', () => {
    expect(validator.errors('2024-02-29', { type: 'string', format: 'date' })).toEqual([]);
    expect(validator.errors('2023-02-29', { type: 'string', format: 'date' })).toHaveLength(1);
    expect(validator.errors('2024-06-31T12:00:00Z', { type: 'string', format: 'date-time' })).toHaveLength(1);
  });

  it('fails loudly on a keyword it does not know, rather than validate less than it claims', () => {
    expect(() => validator.errors({}, { type: 'object', dependentRequired: {} })).toThrow('unsupported JSON-schema keyword "dependentRequired"');
  });
});

describe('the fuzzer’s serialiser', () => {
  it('writes raw JSON as it is, and __proto__ as an own key', () => {
    const body: Record<string, unknown> = { n: new RawJson('1e400') };
    defineKey(body, '__proto__', { isAdmin: true });
    expect(serialise(body).toString()).toBe('{"n":1e400,"__proto__":{"isAdmin":true}}');
  });

  it('writes invalid UTF-8 bytes when asked to', () => {
    expect([...serialise([new RawJson('', Buffer.from([0xed, 0xa0, 0x80]))])]).toEqual([0x5b, 0xed, 0xa0, 0x80, 0x5d]);
  });

  it('percent-encodes lone surrogates as their WTF-8 bytes', () => {
    expect(percentEncode('a\ud800b')).toBe('a%ED%A0%80b');
    expect(percentEncode('😀')).toBe('%F0%9F%98%80');
  });
});
