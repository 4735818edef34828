import type { UploadContentType } from './uploadRules';

/** Leading bytes enough to tell the accepted types apart. */
export const signatureBytes = 16;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  prefix.every((byte, index) => bytes[at + index] === byte);

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

/** HEIF brands of still images (ISO/IEC 23008-12 Annex B), as iPhones and Android cameras write them. */
const heifBrands = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'];

/**
 * What a file is by its first bytes, never by its name or declared type: a renamed program is
 * `undefined`. JPEG starts FF D8 FF, PNG with its 8-byte signature, PDF with "%PDF-", and HEIC is an
 * ISO base media file whose first box is `ftyp` with a HEIF brand.
 */
export function sniffUploadType(bytes: Uint8Array): UploadContentType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.slice(8, 12));
    if (heifBrands.includes(brand)) return 'image/heic';
  }
  return undefined;
}
