import { describe, expect, it } from 'vitest';
import { auditCsv, csvCell } from './audit-csv';

describe('CSV export', () => {
  it('escapes quotes, separators and line breaks, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}1+1`).startsWith(`'${lead}`) || csvCell(`${lead}1+1`).startsWith(`"'${lead}`)).toBe(true);
    for (const lead of [' =', '\n=', '\r\n+', '  -', '\u3000@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', ' \uFF1D']) {
      // Quoted or not (leading spaces and line breaks are quoted), the cell starts with the defusing quote.
      expect(csvCell(`${lead}SUM(A1)`).replace(/^"/, '')).toBe(`'${lead}SUM(A1)` + (csvCell(`${lead}SUM(A1)`).startsWith('"') ? '"' : ''));
    }
    // Not a formula: a sign inside the text, or a date-like value.
    for (const plain of ['a=b', 'x - y', 'mail@example.org', '2026-12-04']) expect(csvCell(plain)).toBe(plain);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell(null)).toBe('');
    const csv = auditCsv([{ id: 1, at: 0, type: 'logout', actor: 'consultant', consultantId: 2, consultantName: '@evil', sessionId: null, requestId: null, address: '1.2.3.4', detail: {} }]);
    expect(csv).toBe("id,time,type,actor,consultant_id,consultant_name,session_id,request_id,address,detail\r\n1,1970-01-01T00:00:00.000Z,logout,consultant,2,'@evil,,,1.2.3.4,{}\r\n");
  });
});
