// Request validation: bodies are checked strictly (no type coercion, unknown fields rejected, all
// errors reported); query strings and path parameters are coerced from text to their types.
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

function makeAjv(opts: Options): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    useDefaults: true,
    removeAdditional: false,
    ...opts,
  });
  addFormats(ajv);
  return ajv;
}

export function createValidatorCompiler(
  sharedSchemas: () => Record<string, unknown>,
): FastifySchemaCompiler<unknown> {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  let added = false;
  return ({ schema, httpPart }) => {
    if (!added) {
      for (const s of Object.values(sharedSchemas())) {
        strict.addSchema(s as object);
        coercing.addSchema(s as object);
      }
      added = true;
    }
    const ajv = httpPart === 'body' ? strict : coercing;
    return ajv.compile(schema as object);
  };
}
