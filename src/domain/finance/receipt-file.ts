import { FinanceError } from './finance-error.js';

/** Receipt files the platform accepts: PDF and the common photo formats (no SVG, HTML or office files). */
export const RECEIPT_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/heic'] as const;
export type ReceiptContentType = (typeof RECEIPT_CONTENT_TYPES)[number];

/** Largest receipt file in bytes (10 MiB). */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;
/** Most receipts on one expense. */
export const MAX_RECEIPTS_PER_EXPENSE = 10;

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/**
 * The file type from its first bytes (the client's declared type is not trusted), or null when it is not an
 * accepted receipt format.
 */
export function sniffReceiptType(bytes: Uint8Array): ReceiptContentType | null {
  if (bytes.length >= 5 && ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 4) === 'PNG' && bytes[4] === 0x0d && bytes[5] === 0x0a && bytes[6] === 0x1a && bytes[7] === 0x0a) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return 'image/gif';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 12))) return 'image/heic';
  return null;
}

/**
 * A safe display name for an uploaded file: the last path segment, without control and path characters, at most
 * 200 characters (keeping the extension), never empty.
 */
export function cleanReceiptFileName(name: string | undefined | null): string {
  const last = String(name ?? '').split(/[\\/]/).pop() ?? '';
  let clean = last.replace(/[\u0000-\u001f\u007f"<>:|?*]/g, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  if (clean.length > 200) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
    clean = clean.slice(0, 200 - ext.length) + ext;
  }
  return clean || 'receipt';
}

/** Checks an upload: not empty, not too large, an accepted type; returns the sniffed type. */
export function checkReceiptFile(bytes: Uint8Array): ReceiptContentType {
  if (bytes.length === 0) throw new FinanceError('FINANCE_RECEIPT_EMPTY', 'the file is empty');
  if (bytes.length > MAX_RECEIPT_BYTES) throw new FinanceError('FINANCE_RECEIPT_TOO_LARGE', `a receipt is at most ${MAX_RECEIPT_BYTES / 1024 / 1024} MiB`);
  const type = sniffReceiptType(bytes);
  if (!type) throw new FinanceError('FINANCE_RECEIPT_TYPE', 'a receipt must be a PDF, PNG, JPEG, WebP, GIF or HEIC file');
  return type;
}
