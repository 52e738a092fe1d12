import { z } from 'zod';
import { DAY, PAGE_QUERY } from './common.schemas.js';
import { createValidationPipe } from './validation.js';

describe('the validation pipe', () => {
  const pipe = createValidationPipe();
  const refusalOf = async (value: unknown, type: 'body' | 'query', schema: z.ZodType) => {
    try {
      await pipe.transform(value, { type, schema } as never);
    } catch (error) {
      return (error as { errors?: unknown }).errors ?? error;
    }
    throw new Error('accepted');
  };

  it('refuses a body nested tens of thousands of levels deep for its depth, without exhausting the stack', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    const errors = (await refusalOf({ code: deep }, 'body', z.object({ code: z.string() }))) as { field: string; reason: string }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]!.reason).toBe('is nested more than 64 levels deep');
  });

  it.each(['9999-99-99', '%', 'isPrototypeOf', '1.5'])('says a paging parameter %j must be a whole number, never that it received NaN', async (limit) => {
    expect(await refusalOf({ limit }, 'query', PAGE_QUERY)).toEqual([{ field: 'limit', reason: 'must be a whole number' }]);
  });

  it('says where a paging parameter is out of bounds', async () => {
    expect(await refusalOf({ limit: '0', offset: '-1' }, 'query', PAGE_QUERY)).toEqual([
      { field: 'limit', reason: 'must be at least 1' },
      { field: 'offset', reason: 'must be at least 0' },
    ]);
    expect(await pipe.transform({ limit: '200' }, { type: 'query', schema: PAGE_QUERY } as never)).toEqual({ limit: 200, offset: 0 });
  });

  it('refuses a day before 1900, which PostgreSQL would meet with an error (it has no year 0)', async () => {
    const schema = z.object({ validFrom: DAY });
    expect(await refusalOf({ validFrom: '0000-01-01' }, 'body', schema)).toEqual([{ field: 'validFrom', reason: 'must be a date in 1900 or later' }]);
    expect(await pipe.transform({ validFrom: '1900-01-01' }, { type: 'body', schema } as never)).toEqual({ validFrom: '1900-01-01' });
  });
});
