import { csvDocument, csvNumber, csvText } from './csv.js';

describe('CSV for Norwegian Excel', () => {
  it('quotes a field holding a semicolon, a quote or a line break, doubling the quotes', () => {
    expect(csvText('Enkel tittel')).toBe('Enkel tittel');
    expect(csvText('Søknad; vedlegg')).toBe('"Søknad; vedlegg"');
    expect(csvText('«Ny» "portal"')).toBe('"«Ny» ""portal"""');
    expect(csvText('linje 1\nlinje 2')).toBe('"linje 1\nlinje 2"');
    expect(csvText('linje 1\r\nlinje 2')).toBe('"linje 1\r\nlinje 2"');
    expect(csvText('')).toBe('');
  });

  it('never lets a title run as a formula', () => {
    expect(csvText('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvText('+47 tlf')).toBe("'+47 tlf");
    expect(csvText('-ny')).toBe("'-ny");
    expect(csvText('@sum')).toBe("'@sum");
    expect(csvText('Kostnad -5')).toBe('Kostnad -5');
  });

  it('writes numbers with a decimal comma and no thousands separator', () => {
    expect(csvNumber(1_200_000)).toBe('1200000');
    expect(csvNumber(3.4)).toBe('3,4');
    expect(csvNumber(3.456)).toBe('3,46');
    expect(csvNumber(-125_000.5)).toBe('-125000,5');
    expect(csvNumber(2.5, 0)).toBe('3');
    expect(csvNumber(-0.001)).toBe('0');
    expect(csvNumber(Number.NaN)).toBe('');
  });

  it('starts with the byte order mark, separates with semicolons and ends every record with CRLF; null is an empty field', () => {
    const text = csvDocument([
      ['Sak', 'Poeng', 'Beløp'],
      ['FLYT-2026-0001', 3.25, null],
      ['Æ; Ø', 0, 1000],
    ]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe('Sak;Poeng;Beløp\r\nFLYT-2026-0001;3,25;\r\n"Æ; Ø";0;1000\r\n');
  });
});
