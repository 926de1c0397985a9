// HTML forms for records the API manages. A form is a list of fields; on submit the text values
// become the API's input shape, are validated with the API's own TypeBox schema (same Ajv
// settings), and go to the same command. Field errors — from validation or from the command's
// AppError (paths like /body/number) — are shown beside their fields, linked by aria-describedby,
// in the UI language: each error's code and params choose the message of the `validation` section.
import type { TSchema } from 'typebox';
import { fieldErrorsFromAjv } from '../http/errors.js';
import { createValidatorCompiler } from '../http/validation.js';
import { errors, isAppError, type FieldError } from '../lib/errors.js';
import type { PageContext } from './context.js';
import { label } from './labels.js';
import { html, type SafeHtml } from './html.js';

export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'date' | 'datetime' | 'select' | 'textarea' | 'checkboxes' | 'password' | 'hidden';
  options?: { value: string; label: string }[];
  hint?: string;
  optional?: boolean;
}

export type FormValues = Record<string, string | string[] | undefined>;

/** Form body values as strings (or string lists for repeated fields), without the CSRF field. */
export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map(String);
  }
  return out;
}

export const str = (v: FormValues, k: string): string | undefined => {
  const x = v[k];
  const s = (Array.isArray(x) ? x[0] : x)?.trim();
  return s ? s : undefined;
};
export const list = (v: FormValues, k: string): string[] => {
  const x = v[k];
  return (Array.isArray(x) ? x : x ? [x] : []).map((s) => s.trim()).filter(Boolean);
};
/** Non-empty lines of a textarea. */
export const lines = (v: FormValues, k: string): string[] =>
  (str(v, k) ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const compile = createValidatorCompiler(() => ({}));
const validators = new WeakMap<TSchema, ReturnType<typeof compile>>();

/** Throws the API's validation error when `input` does not match `schema`. */
export function validate<T>(schema: TSchema, input: unknown): T {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = compile({ schema, httpPart: 'body', method: 'POST', url: '/' })));
  const ok = v(input);
  if (ok === true) return input as T;
  const issues = (v as unknown as { errors?: Parameters<typeof fieldErrorsFromAjv>[1] }).errors ?? [];
  throw errors.validation(fieldErrorsFromAjv('body', issues));
}

export type FieldErrors = Map<string, FieldError[]>;

/** Field name -> errors, from /body/<field>[/...] paths; other errors go under "". */
export function errorsByField(e: unknown, fields: FieldSpec[]): FieldErrors | null {
  if (!isAppError(e) || e.status >= 500 || e.status === 401 || e.status === 403 || e.status === 404) return null;
  const out: FieldErrors = new Map();
  const list: FieldError[] = e.errors.length ? e.errors : [{ path: '', message: e.detail ?? e.title, code: e.code }];
  for (const fe of list) {
    const name = /^\/body\/([^/]+)/.exec(fe.path)?.[1] ?? '';
    const key = fields.some((f) => f.name === name) ? name : '';
    const prev = out.get(key) ?? [];
    // A union of literals fails once per literal: one message is enough.
    if (!prev.some((p) => p.code === fe.code && p.message === fe.message)) out.set(key, [...prev, fe]);
  }
  // A union (a date-time or nothing) fails in every branch: the specific rule (the format) says
  // what is wrong, the branches' type and "one of" errors only repeat it.
  for (const [key, errs] of out) {
    const specific = errs.filter((fe) => fe.code !== 'enum' && fe.code !== 'type');
    if (specific.length && specific.length < errs.length) out.set(key, specific);
    else if (errs.some((fe) => fe.code === 'enum')) out.set(key, errs.filter((fe) => fe.code === 'enum'));
  }
  return out;
}

type Translation = string | ((arg: string) => string);

/** The message of an error in the UI language; the English text when the code has no translation. */
export function translateError(ctx: PageContext, fe: FieldError): string {
  const table = ctx.t.validation as Record<string, Translation>;
  // Some rules read better per variant: a date, a date and time, a whole number.
  const variant =
    fe.code === 'format' ? { date: 'formatDate', 'date-time': 'formatDateTime' }[String(fe.params?.format)] : fe.code === 'type' && fe.params?.type === 'integer' ? 'typeInteger' : undefined;
  const code = variant ?? fe.code ?? '';
  const m = Object.hasOwn(table, code) ? table[code] : undefined;
  if (m === undefined) return fe.message;
  if (typeof m === 'string') return m;
  const [key, value] = Object.entries(fe.params ?? {})[0] ?? ['', ''];
  // Numbers stay as digits: a limit on a year must not read "1,945".
  const arg = key === 'group' ? label(ctx, 'regionalGroup', String(value)) : String(value);
  return m(arg);
}

export function renderForm(
  ctx: PageContext,
  spec: { action: string; fields: FieldSpec[]; values: FormValues; errors: FieldErrors | null; submit: string },
): SafeHtml {
  const { t } = ctx;
  const errs: FieldErrors = spec.errors ?? new Map();
  const general = errs.get('') ?? [];
  const field = (f: FieldSpec) => {
    // A hidden value travels with the form (a record's version); a password is never sent back.
    if (f.kind === 'hidden') return html`<input type="hidden" name="${f.name}" value="${str(spec.values, f.name) ?? ''}">`;
    const id = `f-${f.name}`;
    const messages = errs.get(f.name) ?? [];
    const invalid = messages.length > 0;
    const describedBy = [f.hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
    const aria = html`${describedBy ? html` aria-describedby="${describedBy}"` : ''}${invalid ? html` aria-invalid="true"` : ''}`;
    const value = str(spec.values, f.name) ?? '';
    const hint = f.hint ? html`<span class="hint" id="${id}-hint">${f.hint}</span>` : '';
    const error = invalid ? html`<p class="error" id="${id}-error">${messages.map((m) => translateError(ctx, m)).join('; ')}</p>` : '';
    const labelText = html`${f.label}${f.optional ? html` <span class="opt">(${t.forms.optional})</span>` : ''}`;
    if (f.kind === 'checkboxes') {
      const chosen = list(spec.values, f.name);
      return html`<div class="field${invalid ? ' invalid' : ''}"><fieldset${aria}><legend>${labelText}</legend>${hint}<div class="checks">${(f.options ?? []).map(
        (o, i) => html`<label><input type="checkbox" name="${f.name}" value="${o.value}" id="${id}-${i}" ${chosen.includes(o.value) ? html`checked` : ''}> ${o.label}</label>`,
      )}</div>${error}</fieldset></div>`;
    }
    const control =
      f.kind === 'select'
        ? html`<select id="${id}" name="${f.name}"${aria}>${(f.options ?? []).map((o) => html`<option value="${o.value}" ${o.value === value ? html`selected` : ''}>${o.label}</option>`)}</select>`
        : f.kind === 'textarea'
          ? html`<textarea id="${id}" name="${f.name}"${aria}>${value}</textarea>`
          : f.kind === 'password'
            ? html`<input type="password" id="${id}" name="${f.name}" value="" autocomplete="new-password"${aria}${f.optional ? '' : html` required`}>`
            : html`<input type="${f.kind === 'date' ? 'date' : f.kind === 'datetime' ? 'datetime-local' : 'text'}" id="${id}" name="${f.name}" value="${value}"${aria}${f.optional ? '' : html` required`}>`;
    return html`<div class="field${invalid ? ' invalid' : ''}"><label for="${id}">${labelText}</label>${hint}${control}${error}</div>`;
  };
  return html`${errs.size ? html`<div class="alert" role="alert" tabindex="-1" id="form-errors"><p>${t.forms.errorSummary}</p>${general.length ? html`<ul>${general.map((m) => html`<li>${translateError(ctx, m)}</li>`)}</ul>` : ''}</div>` : ''}
<form method="post" action="${spec.action}" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">
${spec.fields.map(field)}
<button type="submit">${spec.submit}</button>
</form>`;
}
