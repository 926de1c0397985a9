// Administration: the users, their roles (grants, on one board or on all) and accounts. An
// administrator lists users, creates one, changes a user's name, roles or disables the account, and
// sets a new password (which ends the user's open sessions) — through the access module's commands,
// as the API does. Passwords are never shown, sent back in a form, or recorded in the audit trail.
// This file also registers the secretariat's other record-keeping forms (each in its own file).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { errors } from '../../lib/errors.js';
import { ROLES } from '../../modules/access/actor.js';
import { createUser } from '../../modules/access/commands/createUser.js';
import { resetPassword } from '../../modules/access/commands/resetPassword.js';
import { updateUser } from '../../modules/access/commands/updateUser.js';
import { perm } from '../../modules/access/permissions.js';
import { CreateUser, ResetPassword, UpdateUser, type CreateUserInput, type UpdateUserInput } from '../../modules/access/schema.js';
import { listBoards, listMemberStates } from '../../modules/registry/queries.js';
import { pageContext, type PageContext } from '../context.js';
import { list, str, type FieldSpec, type FormValues } from '../forms.js';
import { html } from '../html.js';
import { boardName, label, memberStateOptions } from '../labels.js';
import { layout } from '../layout.js';
import { editFormRoutes } from './edit-forms.js';
import { registerForm } from './forms.js';
import { importFormRoutes } from './import-form.js';
import { parityFormRoutes } from './parity-forms.js';
import { workflowRoutes } from './workflows.js';

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
const ALL = '*';

/** A grant as a form value: "secretariat@unicef", or "administrator@*" for every board. */
const grantKey = (g: { role: string; boardId: string | null }) => `${g.role}@${g.boardId ?? ALL}`;
/** The grants of the checked boxes; an unreadable value goes on as a role, for validation to name. */
export function grantsOf(values: string[]): { role: string; boardId: string | null }[] {
  return values.map((v) => {
    const at = v.lastIndexOf('@');
    if (at < 1) return { role: v, boardId: null };
    const board = v.slice(at + 1);
    return { role: v.slice(0, at), boardId: board === ALL ? null : board };
  });
}

/** Users with their grants, for the list; the password hash is never read. */
async function listUsers(actx: AppContext) {
  const db = actx.database.db;
  const [users, grants] = await Promise.all([
    db.selectFrom('users').select(['id', 'email', 'display_name', 'member_state_id', 'disabled', 'created_at']).orderBy('email').execute(),
    db.selectFrom('role_grants').select(['user_id', 'role', 'board_id']).orderBy('role').execute(),
  ]);
  return users.map((u) => ({ ...u, grants: grants.filter((g) => g.user_id === u.id).map((g) => ({ role: g.role, boardId: g.board_id })) }));
}

export function adminFormRoutes(app: FastifyInstance, actx: AppContext): void {
  const db = actx.database.db;
  parityFormRoutes(app, actx);
  editFormRoutes(app, actx);
  importFormRoutes(app, actx);
  workflowRoutes(app, actx);

  const grantLabel = (ctx: PageContext, g: { role: string; boardId: string | null }) =>
    `${label(ctx, 'role', g.role)} — ${g.boardId ? boardName(ctx, g.boardId) : ctx.t.adminForms.allBoards}`;

  app.get('/admin/users', { schema: { hide: true }, config: { permission: perm.administrator } }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, f } = ctx;
    const a = t.adminForms;
    const users = await listUsers(actx);
    const body = html`<p><a href="/secretariat">${t.forms.title}</a></p><h1>${a.usersTitle}</h1><p>${a.usersIntro}</p>
<p><a class="button" href="/admin/users/new">${a.newUser}</a> <a href="/admin/workflows">${t.oversightAdmin.workflowsLink}</a></p>
<div class="table-scroll"><table><caption class="vh">${a.usersTitle}</caption>
<thead><tr><th scope="col">${a.displayName}</th><th scope="col">${a.email}</th><th scope="col">${a.roles}</th><th scope="col">${a.status}</th><th scope="col">${a.created}</th><th scope="col">${a.actions}</th></tr></thead>
<tbody>${users.map(
      (u) => html`<tr><th scope="row">${u.display_name}${u.member_state_id ? html` <span class="meta">(${u.member_state_id})</span>` : ''}</th><td dir="ltr">${u.email}</td>
<td>${u.grants.length ? html`<ul class="plain">${u.grants.map((g) => html`<li>${grantLabel(ctx, g)}</li>`)}</ul>` : '—'}</td>
<td>${u.disabled ? a.disabled : a.active}</td><td>${f.date(u.created_at)}</td>
<td><a href="/admin/users/${u.id}/edit">${a.editUser}<span class="vh">: ${u.display_name}</span></a><br><a href="/admin/users/${u.id}/password">${a.resetPassword}<span class="vh">: ${u.display_name}</span></a></td></tr>`,
    )}</tbody></table></div>`;
    return reply.type('text/html; charset=utf-8').send(layout(ctx, { title: a.usersTitle, body, nav: 'secretariat' }));
  });

  const grantField = async (ctx: PageContext): Promise<FieldSpec> => {
    const boards = await listBoards(db);
    const options = ROLES.flatMap((role) =>
      [null, ...(role === 'administrator' ? [] : boards.map((b) => b.id))].map((boardId) => ({ value: grantKey({ role, boardId }), label: grantLabel(ctx, { role, boardId }) })),
    );
    return { name: 'grants', label: ctx.t.adminForms.roles, kind: 'checkboxes', hint: ctx.t.adminForms.rolesHint, options };
  };
  const usersLink = (ctx: PageContext) => html`<p><a href="/admin/users">${ctx.t.adminForms.usersTitle}</a></p>`;
  const user = async (req: FastifyRequest) => {
    const u = await db.selectFrom('users').select(['id', 'email', 'display_name', 'disabled']).where('id', '=', idOf(req)).executeTakeFirst();
    if (!u) throw errors.notFound('User', idOf(req));
    return u;
  };
  const userLead = async (ctx: PageContext, req: FastifyRequest) => {
    const u = await user(req);
    return html`${usersLink(ctx)}<p class="meta">${u.display_name} · <span dir="ltr">${u.email}</span></p>`;
  };

  registerForm<CreateUserInput>(app, {
    path: '/admin/users/new',
    permission: perm.administrator,
    nav: 'secretariat',
    title: (ctx) => ctx.t.adminForms.newUser,
    lead: async (ctx) => usersLink(ctx),
    fields: async (ctx) => {
      const a = ctx.t.adminForms;
      const states = memberStateOptions(ctx, (await listMemberStates(db, { limit: 500 })).items);
      return [
        { name: 'email', label: a.email, kind: 'text' },
        { name: 'displayName', label: a.displayName, kind: 'text' },
        { name: 'memberStateId', label: ctx.t.board.memberState, kind: 'select', optional: true, hint: a.memberStateHint, options: [{ value: '', label: a.noMemberState }, ...states] },
        await grantField(ctx),
        { name: 'password', label: a.password, kind: 'password', optional: true, hint: a.passwordHint },
      ];
    },
    toInput: (v) => ({
      email: str(v, 'email'),
      displayName: str(v, 'displayName'),
      ...(str(v, 'memberStateId') ? { memberStateId: str(v, 'memberStateId') } : {}),
      grants: grantsOf(list(v, 'grants')),
      // Not trimmed: spaces may be part of a password.
      ...(typeof v.password === 'string' && v.password !== '' ? { password: v.password } : {}),
    }),
    schema: CreateUser,
    save: async (ctx, input) => {
      await createUser(db, ctx.actor, input);
      return '/admin/users';
    },
  });

  const yesNo = (v: FormValues) => {
    const s = str(v, 'disabled');
    return s === 'yes' ? true : s === 'no' ? false : s;
  };
  registerForm<UpdateUserInput>(app, {
    path: '/admin/users/:id/edit',
    permission: perm.administrator,
    nav: 'secretariat',
    title: (ctx) => ctx.t.adminForms.editUser,
    lead: userLead,
    initial: async (_ctx, req) => {
      const u = await user(req);
      const grants = await db.selectFrom('role_grants').select(['role', 'board_id']).where('user_id', '=', u.id).execute();
      return { displayName: u.display_name, grants: grants.map((g) => grantKey({ role: g.role, boardId: g.board_id })), disabled: u.disabled ? 'yes' : 'no' };
    },
    fields: async (ctx) => {
      const a = ctx.t.adminForms;
      return [
        { name: 'displayName', label: a.displayName, kind: 'text' },
        await grantField(ctx),
        { name: 'disabled', label: a.status, kind: 'select', hint: a.disableHint, options: [{ value: 'no', label: a.active }, { value: 'yes', label: a.disabled }] },
      ];
    },
    toInput: (v) => ({ displayName: str(v, 'displayName') ?? '', grants: grantsOf(list(v, 'grants')), disabled: yesNo(v) }),
    schema: UpdateUser,
    save: async (ctx, input, req) => {
      await updateUser(db, ctx.actor, { id: (await user(req)).id, input });
      return '/admin/users';
    },
  });

  registerForm<{ password: string }>(app, {
    path: '/admin/users/:id/password',
    permission: perm.administrator,
    nav: 'secretariat',
    title: (ctx) => ctx.t.adminForms.resetPassword,
    lead: userLead,
    fields: async (ctx) => [{ name: 'password', label: ctx.t.adminForms.newPassword, kind: 'password', hint: ctx.t.adminForms.resetHint }],
    toInput: (v) => ({ password: typeof v.password === 'string' && v.password !== '' ? v.password : undefined }),
    schema: ResetPassword,
    save: async (ctx, input, req) => {
      await resetPassword(db, ctx.actor, { userId: (await user(req)).id, password: input.password });
      return '/admin/users';
    },
  });
}
