import { ClosedDaysInvalid, NorwegianCalendar, parseClosedDays, plusDays } from './norwegian-calendar.js';

const calendar = new NorwegianCalendar();

/** Easter Sunday by year, from the almanac; every moveable holiday hangs off it. */
const EASTER_SUNDAY: Record<number, string> = {
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
  2029: '2029-04-01',
  2030: '2030-04-21',
};
const YEARS = Object.keys(EASTER_SUNDAY).map(Number);

/**
 * Working days per year, counted by hand: the weekdays of the year less the public holidays that fall on
 * a weekday (2027 has Christmas on a weekend and Whit Monday on 17 May, hence the most).
 */
const WORKING_DAYS_IN_YEAR: Record<number, number> = { 2025: 252, 2026: 253, 2027: 255, 2028: 251, 2029: 251, 2030: 251 };
/** Working days in May: 1 May, Ascension Day, 17 May and Whit Monday take turns landing on weekdays. */
const WORKING_DAYS_IN_MAY: Record<number, number> = { 2025: 20, 2026: 18, 2027: 19, 2028: 20, 2029: 19, 2030: 20 };

describe('NorwegianCalendar', () => {
  describe.each(YEARS)('in %i', (year) => {
    const easter = EASTER_SUNDAY[year]!;
    const moveable = {
      'Maundy Thursday': plusDays(easter, -3),
      'Good Friday': plusDays(easter, -2),
      'Easter Sunday': easter,
      'Easter Monday': plusDays(easter, 1),
      'Ascension Day': plusDays(easter, 39),
      'Whit Sunday': plusDays(easter, 49),
      'Whit Monday': plusDays(easter, 50),
    };
    const fixed = {
      "New Year's Day": `${year}-01-01`,
      'Labour Day': `${year}-05-01`,
      'Constitution Day': `${year}-05-17`,
      'Christmas Day': `${year}-12-25`,
      'Boxing Day': `${year}-12-26`,
    };

    it('knows every public holiday, the Easter-based ones included, and nothing else as one', () => {
      for (const day of [...Object.values(moveable), ...Object.values(fixed)]) {
        expect([day, calendar.isWorkingDay(day), calendar.publicHoliday(day) !== null]).toEqual([day, false, true]);
      }
      // date-holidays also lists these, as bank days or observances: they are ordinary working days when on a weekday.
      for (const day of [`${year}-12-24`, `${year}-12-31`, `${year}-05-08`, plusDays(easter, -4)]) {
        expect(calendar.publicHoliday(day)).toBeNull();
      }
    });

    it('counts the working days of the year and of May', () => {
      expect(calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`)).toBe(WORKING_DAYS_IN_YEAR[year]);
      expect(calendar.workingDaysBetween(`${year}-04-30`, `${year}-05-31`)).toBe(WORKING_DAYS_IN_MAY[year]);
    });

    it('skips the whole of Easter: from the Wednesday before, the Wednesday after is the second working day', () => {
      const wednesdayBefore = plusDays(easter, -4);
      expect(calendar.nextWorkingDay(wednesdayBefore)).toBe(plusDays(easter, 2));
      expect(calendar.addWorkingDays(wednesdayBefore, 2)).toBe(plusDays(easter, 3));
      expect(calendar.workingDaysBetween(wednesdayBefore, plusDays(easter, 3))).toBe(2);
    });

    it('skips Ascension Day and Whit Monday', () => {
      const ascension = moveable['Ascension Day'];
      expect(calendar.nextWorkingDay(plusDays(ascension, -1))).toBe(plusDays(ascension, 1));
      const whitMonday = moveable['Whit Monday'];
      // From the Friday before Whitsun, the next working day is the Tuesday after it.
      expect(calendar.nextWorkingDay(plusDays(whitMonday, -3))).toBe(plusDays(whitMonday, 1));
    });

    it('skips Christmas and New Year: the 5th working day after 23 December', () => {
      // Christmas Day, Boxing Day and New Year's Day cost a day each when on a weekday; Christmas Eve is worked.
      const expected = { 2025: '2026-01-02', 2026: '2026-12-31', 2027: '2027-12-30', 2028: '2029-01-03', 2029: '2030-01-02', 2030: '2031-01-02' };
      expect(calendar.addWorkingDays(`${year}-12-23`, 5)).toBe(expected[year as keyof typeof expected]);
    });
  });

  it('gives the working-day counts across the spring holidays in each year', () => {
    // March to June: Easter, 1 May, Ascension Day, 17 May and Whitsun, wherever they fall.
    const counts = YEARS.map((year) => calendar.workingDaysBetween(plusDays(`${year}-03-01`, -1), `${year}-06-30`));
    expect(counts).toEqual([80, 81, 83, 81, 80, 79]);
  });

  it('does not give a day off in lieu when 17 May falls on a weekend', () => {
    expect(calendar.publicHoliday('2026-05-17')).toBe('Grunnlovsdagen'); // a Sunday
    expect(calendar.isWorkingDay('2026-05-18')).toBe(true);
    expect(calendar.publicHoliday('2025-05-17')).toBe('Grunnlovsdagen'); // a Saturday
    expect(calendar.isWorkingDay('2025-05-19')).toBe(true);
    expect(calendar.addWorkingDays('2025-05-16', 1)).toBe('2025-05-19');
  });

  it('counts working days backwards past weekends and holidays, the inverse of adding them', () => {
    expect(calendar.subtractWorkingDays('2026-04-07', 2)).toBe('2026-03-31'); // Easter 2026 in between
    expect(calendar.subtractWorkingDays('2026-12-07', 1)).toBe('2026-12-04'); // Monday → Friday
    expect(calendar.subtractWorkingDays('2026-12-05', 0)).toBe('2026-12-05');
    for (const day of ['2026-03-31', '2026-12-04', '2027-05-18', '2026-12-23']) {
      for (const n of [1, 2, 5, 20]) expect(calendar.subtractWorkingDays(calendar.addWorkingDays(day, n), n)).toBe(day);
    }
    expect(() => calendar.subtractWorkingDays('2026-12-07', -1)).toThrow(RangeError);
  });

  it('counts 17 May and Whit Monday once when they are the same day (2027)', () => {
    expect(calendar.addWorkingDays('2027-05-14', 1)).toBe('2027-05-18');
  });

  it('does not work weekends', () => {
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-03-09')).toBe(true);
    expect(calendar.nextWorkingDay('2026-03-06')).toBe('2026-03-09');
    expect(calendar.addWorkingDays('2026-03-06', 5)).toBe('2026-03-13');
    // Started on a Saturday, counting begins on Monday.
    expect(calendar.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
  });

  it('adds zero working days as the day itself and counts backwards as negative', () => {
    expect(calendar.addWorkingDays('2026-03-07', 0)).toBe('2026-03-07');
    expect(calendar.workingDaysBetween('2026-03-13', '2026-03-06')).toBe(-5);
    expect(calendar.workingDaysBetween('2026-03-06', '2026-03-06')).toBe(0);
  });

  it('refuses days it cannot read and negative counts', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow('"2026-02-30" is not a calendar day');
    expect(() => calendar.addWorkingDays('17.05.2026', 1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-05-18', -1)).toThrow('whole number ≥ 0');
  });

  describe('closed days', () => {
    it('closes Christmas week every year, Christmas Eve and New Year\'s Eve included', () => {
      const closed = new NorwegianCalendar({ closedDays: '12-24..12-31' });
      expect(calendar.isWorkingDay('2026-12-24')).toBe(true);
      expect(closed.isWorkingDay('2026-12-24')).toBe(false);
      expect(closed.isWorkingDay('2026-12-28')).toBe(false);
      expect(closed.isWorkingDay('2030-12-31')).toBe(false);
      // From Tuesday 22 December 2026: the 23rd, then nothing until Monday 4 January.
      expect(closed.addWorkingDays('2026-12-22', 2)).toBe('2027-01-04');
      expect(calendar.addWorkingDays('2026-12-22', 2)).toBe('2026-12-24');
    });

    it('wraps a recurring range over New Year and takes single days and dated ranges', () => {
      const closed = new NorwegianCalendar({ closedDays: ['12-27..01-02', '06-23', '2026-07-06..2026-07-31'] });
      expect(closed.isWorkingDay('2026-12-28')).toBe(false);
      expect(closed.isWorkingDay('2027-01-01')).toBe(false);
      expect(closed.isWorkingDay('2027-01-04')).toBe(true);
      expect(closed.isWorkingDay('2026-06-23')).toBe(false);
      expect(closed.isWorkingDay('2026-07-15')).toBe(false);
      expect(closed.isWorkingDay('2027-07-15')).toBe(true);
      expect(closed.workingDaysBetween('2026-07-03', '2026-08-03')).toBe(1);
    });

    it('refuses closed days it cannot read, saying which and why', () => {
      const problem = (spec: string) => {
        try {
          parseClosedDays(spec);
        } catch (error) {
          if (error instanceof ClosedDaysInvalid) return error.message;
        }
        throw new Error('expected ClosedDaysInvalid');
      };
      expect(problem('12-24..12-31, 13-01')).toBe('closed days "13-01": 13-01 is not a day of the year');
      expect(problem('02-30')).toBe('closed days "02-30": 02-30 is not a day of the year');
      expect(problem('2026-02-29')).toBe('closed days "2026-02-29": 2026-02-29 is not a calendar day');
      expect(problem('2026-12-31..2026-12-01')).toBe('closed days "2026-12-31..2026-12-01": ends before it starts');
      expect(problem('12-24..2026-12-31')).toContain('both ends of a range in the same form');
      expect(problem('christmas')).toContain('expected MM-DD, MM-DD..MM-DD, YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD');
      expect(problem('12-24..12-26..12-31')).toContain('expected MM-DD');
      expect(() => new NorwegianCalendar({ closedDays: '02-29' })).not.toThrow();
    });
  });
});
