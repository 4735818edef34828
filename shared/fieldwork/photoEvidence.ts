import type { ValidationIssue } from '../validation';
import type { StatusUpdate } from './statusUpdate';

/** Image formats a report may carry, told apart by their leading bytes, never by a declared type. */
export type ImageFormat = 'jpeg' | 'png' | 'heic';

/** Bytes of a blob's head enough to recognise every format in `ImageFormat`. */
export const leadingBytesNeeded = 16;

const heicBrands = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/**
 * JPEG starts with an SOI marker followed by another marker (FF D8 FF); PNG with its eight-byte
 * signature; HEIC is an ISO base media file whose first box is `ftyp` with a HEIF brand.
 */
export function imageFormatOf(head: Uint8Array): ImageFormat | undefined {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (head.length >= png.length && png.every((byte, index) => head[index] === byte)) return 'png';
  if (head.length >= 12) {
    const box = String.fromCharCode(...head.subarray(4, 8));
    const brand = String.fromCharCode(...head.subarray(8, 12));
    if (box === 'ftyp' && heicBrands.has(brand)) return 'heic';
  }
  return undefined;
}

/**
 * The only names the photo-upload endpoint hands out: `<work order>/<photo|signature>-<uuid>.<ext>`.
 * Anything else (another work order, `..`, a sub-folder, an encoded slash) was not issued by us.
 */
const issuedName =
  /^(photo|signature)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png|heic)$/;

export const isIssuedPhotoName = (reference: string, workOrderId: string): boolean =>
  reference.startsWith(`${workOrderId}/`) && issuedName.test(reference.slice(workOrderId.length + 1));

/** Every blob a completion report points at, with the field path a problem is reported under. */
export function evidenceOf(update: StatusUpdate): { readonly path: string; readonly reference: string }[] {
  if (update.status !== 'completed') return [];
  const photos = update.report.photos.map((photo, index) => ({
    path: `report.photos.${index}.reference`,
    reference: photo.reference,
  }));
  const signature = update.report.signature;
  return signature === undefined
    ? photos
    : [...photos, { path: 'report.signature.reference', reference: signature.reference }];
}

/** Names that cannot be ours, found before any storage is read. */
export function misnamedEvidence(update: StatusUpdate, workOrderId: string): ValidationIssue[] {
  return evidenceOf(update)
    .filter((item) => !isIssuedPhotoName(item.reference, workOrderId))
    .map((item) => ({
      path: item.path,
      message: `must be a name issued by photo-uploads for ${workOrderId} (no other folder, no path segments)`,
    }));
}

/** What storage holds under a name: its size and first bytes, or nothing. */
export interface StoredBlobHead {
  readonly size: number;
  readonly head: Uint8Array;
}

/** Checks the blobs themselves: each must exist, be non-empty and be an image by its bytes. */
export function evidenceProblems(
  items: readonly { readonly path: string; readonly stored: StoredBlobHead | undefined }[],
): ValidationIssue[] {
  return items.flatMap(({ path, stored }) => {
    if (stored === undefined) return [{ path, message: 'was never uploaded' }];
    if (stored.size === 0) return [{ path, message: 'is an empty file' }];
    if (imageFormatOf(stored.head) === undefined)
      return [{ path, message: 'is not a JPEG, PNG or HEIC image' }];
    return [];
  });
}
