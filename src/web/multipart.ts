// Bounded multipart/form-data uploads for the web forms (a document, a CSV file). The body is read
// by the form's own scope rather than with @fastify/multipart: the CSRF check runs before the
// handler and needs the form's `_csrf` field, which a lazily read multipart stream does not give
// it. The parser reads at most `limit` bytes into fields and one file named `file`, and does not
// read the body at all for a caller the route would refuse.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../lib/errors.js';
import { allows, type Permission } from '../modules/access/permissions.js';
import type { FormValues } from './forms.js';

/** Room for a form's other fields beside the file. */
export const FIELDS_BYTES = 64 * 1024;

export type Upload = { name: string; bytes: Buffer } | { name: string; tooLarge: true };
export type UploadBody = Record<string, string | string[] | Upload>;

/**
 * Fields and the first file of a multipart/form-data body. `truncated` means the body was cut at
 * the size limit: a file whose part does not end in it is reported too large, by its name.
 */
export function parseMultipart(buf: Buffer, boundary: string, truncated: boolean): UploadBody {
  const body: UploadBody = {};
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter has no line break before it.
  let pos = buf.indexOf(`--${boundary}`);
  let fields = 0;
  while (pos !== -1 && fields < 100) {
    const start = buf.indexOf('\r\n', pos) + 2;
    if (start < 2 || buf.subarray(pos, start).includes('--\r\n')) break;
    const headerEnd = buf.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) break;
    const headers = buf.subarray(start, headerEnd).toString('utf8');
    const name = /\bname="([^"]*)"/i.exec(headers)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(headers)?.[1];
    const end = buf.indexOf(delimiter, headerEnd + 4);
    if (end === -1) {
      if (truncated && filename && name === 'file' && !body.file)
        body.file = { name: filename, tooLarge: true };
      break;
    }
    const content = buf.subarray(headerEnd + 4, end);
    if (name && filename !== undefined) {
      // A file input left empty sends a part without a name and without bytes.
      if (name === 'file' && filename && !body.file) body.file = { name: filename, bytes: content };
    } else if (name && name !== 'file') {
      const prev = body[name];
      const value = content.toString('utf8');
      body[name] =
        prev === undefined
          ? value
          : Array.isArray(prev)
            ? [...prev, value]
            : typeof prev === 'string'
              ? [prev, value]
              : prev;
    }
    fields++;
    pos = end + 2;
  }
  return body;
}

/** Registers the bounded multipart parser on `scope`: `fileBytes` for the file plus room for the fields. */
export function acceptUploads(scope: FastifyInstance, permission: Permission, fileBytes: number): void {
  scope.addContentTypeParser(
    'multipart/form-data',
    async (req: FastifyRequest, payload: NodeJS.ReadableStream) => {
      // A caller the route refuses is answered before the body is read.
      if (allows(permission, req.actor) !== 'ok') return {};
      const type = String(req.headers['content-type'] ?? '');
      const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
      const limit = fileBytes + FIELDS_BYTES;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of payload) {
        const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        if (size < limit) chunks.push(size + b.length > limit ? b.subarray(0, limit - size) : b);
        size += b.length;
      }
      if (!boundary)
        throw errors.badRequest('The form could not be read: the multipart body has no boundary');
      return parseMultipart(Buffer.concat(chunks), boundary[1] ?? boundary[2]!, size > limit);
    },
  );
}

/** The text fields and the file of a parsed upload (a body of another type gives no file). */
export function uploadOf(body: unknown): { values: FormValues; upload: Upload | undefined } {
  const raw = (body && typeof body === 'object' ? body : {}) as UploadBody;
  const values: FormValues = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' || Array.isArray(v)) values[k] = v;
  const upload = typeof raw.file === 'object' && !Array.isArray(raw.file) ? raw.file : undefined;
  return { values, upload };
}
