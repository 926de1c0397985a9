// The plain HTML home page: boards, upcoming and recent sessions, and documents, readable without
// JavaScript. Synthetic demo records are labelled as such.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.js';
import { listBoards } from '../modules/registry/queries.js';
import { listSessions } from '../modules/sessions/queries.js';
import { listDocuments } from '../modules/documents/queries.js';
import { listDecisions } from '../modules/decisions/queries.js';
import { html, type SafeHtml } from './html.js';

const SESSION_LABELS: Record<string, string> = {
  'first-regular': 'First regular session',
  annual: 'Annual session',
  'second-regular': 'Second regular session',
  special: 'Special session',
  'joint-meeting': 'Joint meeting of the Executive Boards',
  'informal-briefing': 'Informal briefing',
  'joint-field-visit': 'Joint field visit',
};

const LANGUAGE_NAMES: Record<string, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

const synthetic = (flag: number) =>
  flag ? html` <strong class="synthetic">(synthetic demo record)</strong>` : '';

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          body {
            font:
              16px/1.5 system-ui,
              sans-serif;
            max-width: 60rem;
            margin: 0 auto;
            padding: 1rem;
            color: #1a1a1a;
          }
          a {
            color: #0b5cad;
          }
          a:focus {
            outline: 3px solid #f5a623;
            outline-offset: 2px;
          }
          table {
            border-collapse: collapse;
            width: 100%;
          }
          th,
          td {
            text-align: left;
            padding: 0.3rem 0.5rem;
            border-bottom: 1px solid #ddd;
            vertical-align: top;
          }
          .synthetic {
            color: #8a4b00;
          }
          header p {
            margin: 0.2rem 0;
          }
        </style>
      </head>
      <body>
        <header>
          <h1>Concord</h1>
          <p>
            Governance and oversight of the UN Executive Boards: UNDP/UNFPA/UNOPS, UNICEF, UN-Women and WFP.
          </p>
          <p><a href="/api/docs">API documentation</a> · <a href="/api/openapi.json">OpenAPI 3.1</a></p>
        </header>
        <main>${body}</main>
      </body>
    </html>`.value;
}

export async function webRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.database.db;
  app.get('/', { schema: { hide: true }, config: { cache: true } }, async (req, reply) => {
    const [boards, sessions, documents, decisions] = await Promise.all([
      listBoards(db),
      listSessions(db, req.actor, { limit: 20 }),
      listDocuments(db, req.actor, { limit: 20 }),
      listDecisions(db, { limit: 20 }),
    ]);
    const body = html` <section aria-labelledby="boards">
        <h2 id="boards">Executive Boards</h2>
        <ul>
          ${boards.map((b) => html`<li><a href="/api/boards/${b.id}">${b.name}</a> — oversees ${b.entityIds.map((e) => e.toUpperCase()).join(', ')}</li>`)}
        </ul>
      </section>
      <section aria-labelledby="sessions">
        <h2 id="sessions">Sessions</h2>
        ${
          sessions.items.length === 0
            ? html`<p>No sessions yet.</p>`
            : html`<table>
                <caption class="visually-hidden">
                  Sessions, newest first
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Dates</th>
                    <th scope="col">Session</th>
                    <th scope="col">Boards</th>
                  </tr>
                </thead>
                <tbody>
                  ${sessions.items.map(
                    (s) =>
                      html`<tr>
                        <td>${s.start_date}${s.end_date !== s.start_date ? ` – ${s.end_date}` : ''}</td>
                        <td>
                          <a href="/api/sessions/${s.id}">${s.title}</a><br /><small
                            >${SESSION_LABELS[s.type] ?? s.type}${s.venue ? ` · ${s.venue}` : ''}</small
                          >${synthetic(s.synthetic)}
                        </td>
                        <td>${s.boardIds.join(', ')}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      <section aria-labelledby="documents">
        <h2 id="documents">Documents</h2>
        ${
          documents.items.length === 0
            ? html`<p>No documents yet.</p>`
            : html`<ul>
                ${documents.items.map((d) => html`<li><a href="/api/documents/${d.id}/paragraphs">${d.title}</a> <small>${d.symbol ?? ''} ${d.date} · ${d.languages.map((l) => LANGUAGE_NAMES[l] ?? l).join(', ')}</small>${synthetic(d.synthetic)}</li>`)}
              </ul>`
        }
      </section>
      <section aria-labelledby="decisions">
        <h2 id="decisions">Decisions</h2>
        ${
          decisions.items.length === 0
            ? html`<p>No decisions yet.</p>`
            : html`<ul>
                ${decisions.items.map((d) => html`<li><a href="/api/decisions/${d.id}">${d.board_id} decision ${d.number}</a>: ${d.title}${synthetic(d.synthetic)}</li>`)}
              </ul>`
        }
      </section>`;
    return reply.type('text/html; charset=utf-8').send(page('Concord — Executive Boards', body));
  });
}
