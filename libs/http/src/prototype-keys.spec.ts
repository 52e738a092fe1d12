import { prototypeKeyErrors } from './prototype-keys.js';
import { fieldPath } from './validation.js';

describe('prototypeKeyErrors', () => {
  const errorsIn = (json: string) => prototypeKeyErrors(JSON.parse(json), fieldPath);

  it.each(['__proto__', 'constructor', 'prototype'])('refuses %s as a key of the body or of any object in it', (key) => {
    expect(errorsIn(`{"title": "x", "${key}": {"isAdmin": true}}`)).toEqual([{ field: 'body', reason: `Unrecognized key: "${key}"` }]);
    expect(errorsIn(`{"costBenefit": {"values": [{"${key}": 1}]}}`)).toEqual([{ field: 'costBenefit.values[0]', reason: `Unrecognized key: "${key}"` }]);
  });

  it('lets ordinary keys and text that merely mentions them through', () => {
    expect(errorsIn('{"title": "__proto__", "constructorName": "constructor", "items": [{"a": 1}]}')).toEqual([]);
  });
});
