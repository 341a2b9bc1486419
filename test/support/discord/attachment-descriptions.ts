import type { UploadedFile } from './http.js';

/**
 * An uploaded file's description (its alt text), as Discord reads it: from the `attachments` entry of the JSON
 * payload whose `id` is the file's index in its form field name (`files[2]` ↔ `{ id: 2, description }`).
 */
export function uploadDescription(file: UploadedFile, requested: unknown): string | undefined {
  const index = /^files\[(\d+)\]$/u.exec(file.field)?.[1];
  if (index === undefined || !Array.isArray(requested)) return undefined;
  const entry: unknown = requested.find((candidate) => String((candidate as { id?: unknown } | null)?.id) === index);
  const description = (entry as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? description : undefined;
}
