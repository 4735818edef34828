import { createHash } from 'node:crypto';

/**
 * A file a staff page loads, named by its content hash so a browser may cache it for a year and a
 * change is a new URL. External files are what keeps the staff pages' Content-Security-Policy
 * free of 'unsafe-inline': no page carries an inline script or style.
 */
export interface StaffAsset {
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

export const contentTypes = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  json: 'application/manifest+json; charset=utf-8',
} as const;

/** `prefix` is the audience's asset route, e.g. `/api/console/assets`. */
export const staffAsset = (
  prefix: string,
  name: string,
  extension: keyof typeof contentTypes,
  body: string,
): StaffAsset => ({
  path: `${prefix}/${name}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${extension}`,
  contentType: contentTypes[extension],
  body,
});
