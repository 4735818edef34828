import { z } from 'zod';

export const maxUploadBytes = 10 * 1024 * 1024;

const extensions = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
} as const;

export const UploadContentType = z.enum(['image/jpeg', 'image/png', 'image/heic', 'application/pdf'], {
  message: 'must be a JPEG, PNG, HEIC or PDF file',
});
export type UploadContentType = z.infer<typeof UploadContentType>;

/** What a browser declares before it uploads; checked again on the stored blob, as a client may lie. */
export const UploadRequest = z.object({
  fileName: z.string().min(1).max(200),
  contentType: UploadContentType,
  size: z.int().min(1, 'the file is empty').max(maxUploadBytes, 'the file is larger than 10 MB (the limit)'),
});
export type UploadRequest = z.infer<typeof UploadRequest>;

/** A form post carrying one file: the file's limit plus room for the boundaries and the other fields. */
export const maxUploadRequestBytes = maxUploadBytes + 64 * 1024;

/** Uploads are photos or documents as far as the technician is concerned. */
export const uploadKindOf = (contentType: UploadContentType): 'photo' | 'document' =>
  contentType === 'application/pdf' ? 'document' : 'photo';

/**
 * `<work order>/<random>.<ext>`: the customer's own file name is not kept (it may hold a name or
 * an address), and the work-order prefix ties the blob to the link that may complete it.
 */
export const uploadBlobName = (workOrderId: string, contentType: UploadContentType, random: string): string =>
  `${workOrderId}/${random}.${extensions[contentType]}`;

export const belongsTo = (blobName: string, workOrderId: string): boolean =>
  blobName.startsWith(`${workOrderId}/`) && !blobName.slice(workOrderId.length + 1).includes('/');
