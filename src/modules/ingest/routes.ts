// POST /api/documents/import: multipart upload of board documents in two phases. mode=preview
// (the default) reads and segments the files and returns the structure found, with warnings per
// paragraph, writing nothing; mode=commit imports each file atomically (see importDocument).
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { perm } from '../access/permissions.js';
import { LANGUAGES } from '../../http/schemas.js';
import { errors, type FieldError } from '../../lib/errors.js';
import { DEFAULT_MAX_BYTES, IngestError } from '../../ingest/read.js';
import type { Language } from '../../ingest/enrich.js';
import { requireAnyRole, requireSignedIn } from '../access/policy.js';
import { ACCESS_LEVELS, type AccessLevel } from '../access/visibility.js';
import { importDocument, type ImportMetadata } from '../documents/commands/importDocument.js';
import { documentPolicy } from '../documents/policies.js';
import { DOCUMENT_TYPES, type DocumentType } from '../documents/schema.js';
import { prepareAll, rejection, type IncomingFile } from './service.js';

export function ingestMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CONCORD_INGEST_MAX_BYTES);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_BYTES;
}

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_FILES = 20;
const MAX_FIELDS = 30;
const MAX_FIELD_BYTES = 10_000;
const MAX_PARTS = 60;
/** The multipart parser's limit errors, as what the request has too many of. */
const PART_LIMITS: Record<string, { max: number; what: string; path: string }> = {
  FST_FILES_LIMIT: { max: MAX_FILES, what: 'files', path: '/body/files' },
  FST_FIELDS_LIMIT: { max: MAX_FIELDS, what: 'fields', path: '/body' },
  FST_PARTS_LIMIT: { max: MAX_PARTS, what: 'parts (files and fields)', path: '/body' },
};

interface Form {
  files: IncomingFile[];
  fields: Record<string, string[]>;
}

async function readForm(req: FastifyRequest, maxBytes: number): Promise<Form> {
  if (!req.isMultipart()) throw errors.unsupportedMediaType(String(req.headers['content-type'] ?? 'none'));
  const files: IncomingFile[] = [];
  const fields: Record<string, string[]> = {};
  let current = '';
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        current = part.filename || `file-${files.length + 1}`;
        files.push({ name: current, bytes: await part.toBuffer() });
        current = '';
      } else {
        // The parser cuts a field at its size limit: refused, not stored cut.
        if (part.valueTruncated || part.fieldnameTruncated)
          throw errors.validation([
            {
              path: `/body/${part.fieldname}`,
              message: `must be at most ${MAX_FIELD_BYTES} bytes`,
              code: 'maxLength',
              params: { limit: MAX_FIELD_BYTES },
            },
          ]);
        fields[part.fieldname] = [...(fields[part.fieldname] ?? []), String(part.value)];
      }
    }
  } catch (e) {
    const err = e as { code?: string; statusCode?: number };
    if (current && (err.statusCode === 413 || /TOO_LARGE/.test(err.code ?? '')))
      throw rejection([
        {
          error: new IngestError(
            current,
            'too-large',
            `the file is larger than the limit of ${maxBytes} bytes`,
          ),
          path: `/body/files/${files.length}`,
        },
      ]);
    const limit = PART_LIMITS[err.code ?? ''];
    if (limit)
      throw errors.fileRejected(413, `An import takes at most ${limit.max} ${limit.what}`, [
        {
          path: limit.path,
          message: `must be at most ${limit.max}`,
          code: 'maxItems',
          params: { limit: limit.max },
        },
      ]);
    throw e;
  }
  return { files, fields };
}

function parseMeta(fields: Record<string, string[]>): {
  meta: ImportMetadata;
  mode: 'preview' | 'commit';
  language?: Language;
  expectedHash?: string;
} {
  const problems: FieldError[] = [];
  const one = (k: string) => fields[k]?.[fields[k].length - 1]?.trim() || undefined;
  const known = new Set([
    'mode',
    'type',
    'boardIds',
    'sessionId',
    'agendaItemId',
    'accessLevel',
    'language',
    'title',
    'documentId',
    'expectedHash',
  ]);
  for (const k of Object.keys(fields))
    if (!known.has(k)) problems.push({ path: `/body/${k}`, message: 'is not an allowed field' });
  const mode = one('mode') ?? 'preview';
  if (mode !== 'preview' && mode !== 'commit')
    problems.push({ path: '/body/mode', message: "must be 'preview' or 'commit'" });
  const type = one('type');
  if (type && !(DOCUMENT_TYPES as readonly string[]).includes(type))
    problems.push({ path: '/body/type', message: `must be one of ${DOCUMENT_TYPES.join(', ')}` });
  const boardIds = (fields.boardIds ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  boardIds.forEach((b, i) => {
    if (!ID.test(b)) problems.push({ path: `/body/boardIds/${i}`, message: 'is not an id' });
  });
  const accessLevel = one('accessLevel');
  if (accessLevel && !(ACCESS_LEVELS as readonly string[]).includes(accessLevel))
    problems.push({ path: '/body/accessLevel', message: `must be one of ${ACCESS_LEVELS.join(', ')}` });
  const language = one('language');
  if (language && !(LANGUAGES as readonly string[]).includes(language))
    problems.push({ path: '/body/language', message: `must be one of ${LANGUAGES.join(', ')}` });
  for (const k of ['sessionId', 'agendaItemId', 'documentId']) {
    const v = one(k);
    if (v && !ID.test(v)) problems.push({ path: `/body/${k}`, message: 'is not an id' });
  }
  const title = one('title');
  if (title && title.length > 1000)
    problems.push({ path: '/body/title', message: 'must have at most 1000 characters' });
  const expectedHash = one('expectedHash');
  if (expectedHash && !/^[0-9a-f]{64}$/.test(expectedHash))
    problems.push({
      path: '/body/expectedHash',
      message: 'must be the fileHash of a preview (64 hex digits)',
    });
  if (problems.length) throw errors.validation(problems);
  const meta: ImportMetadata = {
    ...(type ? { type: type as DocumentType } : {}),
    ...(boardIds.length ? { boardIds: [...new Set(boardIds)] } : {}),
    ...(one('sessionId') ? { sessionId: one('sessionId')! } : {}),
    ...(one('agendaItemId') ? { agendaItemId: one('agendaItemId')! } : {}),
    ...(accessLevel ? { accessLevel: accessLevel as AccessLevel } : {}),
    ...(title ? { title } : {}),
    ...(one('documentId') ? { documentId: one('documentId')! } : {}),
  };
  return {
    meta,
    mode: mode as 'preview' | 'commit',
    ...(language ? { language: language as Language } : {}),
    ...(expectedHash ? { expectedHash } : {}),
  };
}

export async function ingestRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const maxBytes = ingestMaxBytes();
  const db = ctx.database.db;
  // Encapsulated: the multipart parser applies to this route only.
  await fastify.register(async (app) => {
    await app.register(multipart, {
      limits: {
        fileSize: maxBytes,
        files: MAX_FILES,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        parts: MAX_PARTS,
      },
    });
    app.post(
      '/api/documents/import',
      {
        config: { permission: perm.secretariat },
        schema: {
          tags: ['documents'],
          summary: 'Import board documents (.txt, .pdf, .docx, .html): preview, then commit (secretariat)',
          description:
            'multipart/form-data with one or more `file` parts and fields: mode (preview|commit, default preview), ' +
            'boardIds (comma-separated; required for a new document), type, sessionId, agendaItemId, accessLevel, ' +
            'language, title, documentId (add a version to this document), expectedHash (commit only the previewed file). ' +
            'A rejected file yields a problem whose errors name the file and the reason; nothing is stored.',
          consumes: ['multipart/form-data'],
          security: [{ bearer: [] }],
        },
      },
      async (req, reply) => {
        requireSignedIn(req.actor);
        const form = await readForm(req, maxBytes);
        const { meta, mode, language, expectedHash } = parseMeta(form.fields);
        if (meta.boardIds) documentPolicy.manage(req.actor, meta.boardIds);
        else requireAnyRole(req.actor, ['secretariat']);
        if (form.files.length === 0)
          throw errors.validation([{ path: '/body/file', message: 'at least one file is required' }]);
        const previews = await prepareAll(
          form.files,
          { maxBytes, ...(language ? { language } : {}) },
          (i) => `/body/files/${i}`,
        );
        if (mode === 'preview') return reply.code(200).send({ mode, files: previews });
        if (expectedHash && (previews.length !== 1 || previews[0]!.fileHash !== expectedHash))
          throw errors.conflict('The file differs from the one previewed', [
            { path: '/body/expectedHash', message: 'does not match the uploaded file' },
          ]);
        const results = [];
        // Each file is its own transaction: a failure stops here and leaves earlier files imported.
        for (const preview of previews) results.push(await importDocument(db, req.actor, { preview, meta }));
        const changed = results.some((r) => r.status !== 'unchanged');
        return reply.code(changed ? 201 : 200).send({ mode, files: results });
      },
    );
  });
}
