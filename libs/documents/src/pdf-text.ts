/**
 * Text for PDFs made with pdfkit's standard fonts (the minutes of a priority round, the annual
 * report). The standard Helvetica is not embedded and speaks WinAnsi (Windows-1252): æøå and the
 * usual typography are there, other characters are given a stand-in by `pdfText`.
 */

export const PDF_CONTENT_TYPE = 'application/pdf';

// The characters of Windows-1252 above Latin-1's control block (0x80–0x9F).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const STAND_INS: Record<string, string> = {
  '\u2212': '-', // the minus sign Intl writes for negative numbers in bokmål
  '\u2010': '-',
  '\u2011': '-',
  '\u202f': '\u00a0', // narrow no-break space
  '\u2007': '\u00a0',
  '\u2009': ' ',
  '\u200b': '',
  '≥': '>=',
  '≤': '<=',
  '→': '->',
  '←': '<-',
  '≈': '~',
  // Letters of colleagues' names that do not decompose into a base letter and a mark.
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
};

const winAnsi = (char: string) => {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
};

/**
 * Text as the standard fonts can draw it: line breaks kept, other control characters and tabs
 * made spaces, a letter with a mark Windows-1252 lacks drawn without it, anything else `?` —
 * a user's title with an emoji must not come out as garbage.
 */
export function pdfText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (char === '\n') out += char;
    else if (winAnsi(char)) out += char;
    else if (STAND_INS[char] !== undefined) out += STAND_INS[char];
    else if (/\p{Cc}/u.test(char)) out += ' ';
    else {
      const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare.length > 0 && [...bare].every(winAnsi) ? bare : '?';
    }
  }
  return out;
}
