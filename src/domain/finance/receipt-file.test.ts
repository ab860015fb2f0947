import { describe, expect, it } from 'vitest';
import { checkReceiptFile, cleanReceiptFileName, MAX_RECEIPT_BYTES, sniffReceiptType } from './receipt-file.js';

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffReceiptType: the type comes from the bytes, not the name', () => {
  it.each([
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['PNG', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['GIF', bytes('GIF89a', [1, 0]), 'image/gif'],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['HEIC', bytes([0, 0, 0, 24], 'ftypheic', [0, 0]), 'image/heic'],
    ['HTML pretending to be a receipt', bytes('<html><script>'), null],
    ['SVG', bytes('<svg xmlns='), null],
    ['ZIP (office files)', bytes('PK', [3, 4]), null],
    ['MP4 (ftyp with another brand)', bytes([0, 0, 0, 24], 'ftypisom'), null],
    ['too short to tell', bytes('%PD'), null],
  ])('%s', (_n, b, want) => expect(sniffReceiptType(b)).toBe(want));
});

describe('checkReceiptFile', () => {
  it.each([
    ['empty', new Uint8Array(0), 'FINANCE_RECEIPT_EMPTY'],
    ['one byte too large', (() => { const b = new Uint8Array(MAX_RECEIPT_BYTES + 1); b.set(bytes('%PDF-')); return b; })(), 'FINANCE_RECEIPT_TOO_LARGE'],
    ['not an accepted type', bytes('hello'), 'FINANCE_RECEIPT_TYPE'],
  ])('refuses %s', (_n, b, code) => expect(() => checkReceiptFile(b)).toThrow(expect.objectContaining({ code })));
  it('accepts exactly the largest size', () => {
    const b = new Uint8Array(MAX_RECEIPT_BYTES);
    b.set(bytes('%PDF-'));
    expect(checkReceiptFile(b)).toBe('application/pdf');
  });
});

describe('cleanReceiptFileName', () => {
  it.each([
    ['taxi.pdf', 'taxi.pdf'],
    ['C:\\Users\\me\\Desktop\\hotel bill.jpg', 'hotel bill.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['..hidden', 'hidden'],
    ['a\u0000b"<c>.png', 'abc.png'],
    ['Reçu déjeuner 12€.pdf', 'Reçu déjeuner 12€.pdf'],
    ['', 'receipt'],
    [null, 'receipt'],
    [`${'x'.repeat(300)}.jpeg`, `${'x'.repeat(195)}.jpeg`],
  ])('%s -> %s', (name, want) => expect(cleanReceiptFileName(name)).toBe(want));
});
