// Identity and information parity over HTTP on both backends: sign-in with cookie sessions and
// CSRF, rate limiting, password reset, tokens, embargoes that release exactly on time, informal
// briefing records for every member at once, questions to management, the parity ledger and the
// log of restricted reads.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/lib/clock.js';
import { BACKENDS } from '../support/db.js';
import { createTestApp, createUser, setPassword, type TestApp } from '../support/app.js';

const PASSWORD = 'correct horse battery staple';

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const header = res.headers['set-cookie'];
  const raw = Array.isArray(header) ? String(header[0]) : typeof header === 'string' ? header : '';
  return raw.split(';')[0]!;
}

describe.each(BACKENDS)('access control and parity on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
    await setPassword(t.database, t.users.memberDelegate!.id, PASSWORD);
  });
  afterAll(async () => t.close());
  afterEach(() => clock.set(null));

  const signIn = (email: string, password: string, extra: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email, password },
      headers: { 'x-forwarded-for': '10.0.0.1', ...extra },
    });

  describe('sign-in sessions', () => {
    it('signs in, sets an HttpOnly SameSite cookie, and knows the user', async () => {
      const res = await signIn('memberDelegate@example.org', PASSWORD);
      expect(res.statusCode).toBe(200);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/^concord_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Lax/);
      expect(res.json().user).toMatchObject({ email: 'memberdelegate@example.org', memberStateId: 'GHA' });
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: cookieOf(res) },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json().csrfToken).toBe(res.json().csrfToken);
    });

    it('requires the CSRF token for a state change made with the cookie, and refuses cross-site origins', async () => {
      const res = await signIn('memberDelegate@example.org', PASSWORD);
      const cookie = cookieOf(res);
      const csrf = res.json().csrfToken as string;
      const body = { boardId: 'undp-unfpa-unops', text: 'When will the evaluation be shared?' };
      const without = await t.app.inject({
        method: 'POST',
        url: '/api/questions',
        headers: { cookie },
        payload: body,
      });
      expect(without.statusCode).toBe(403);
      expect(without.json().detail).toContain('CSRF');
      const crossSite = await t.app.inject({
        method: 'POST',
        url: '/api/questions',
        headers: { cookie, 'x-csrf-token': csrf, origin: 'https://evil.example', host: 'localhost' },
        payload: body,
      });
      expect(crossSite.statusCode).toBe(403);
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/questions',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: body,
      });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().memberStateId).toBe('GHA');
    });

    it('signs out: the cookie no longer authenticates', async () => {
      const res = await signIn('memberDelegate@example.org', PASSWORD);
      const cookie = cookieOf(res);
      const out = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-out',
        headers: { cookie, 'x-csrf-token': res.json().csrfToken },
      });
      expect(out.statusCode).toBe(204);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode,
      ).toBe(401);
    });

    it('gives the same answer for a wrong password and an unknown e-mail, and audits both', async () => {
      const wrong = await signIn('memberDelegate@example.org', 'not the password');
      const unknown = await signIn('nobody@example.org', 'not the password');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().detail).toBe(unknown.json().detail);
      const events = await t.database.db
        .selectFrom('audit_events')
        .select(['action', 'after_json'])
        .where('action', '=', 'auth.sign-in-failed')
        .execute();
      expect(events.length).toBeGreaterThanOrEqual(2);
      expect(events.every((e) => !String(e.after_json).includes('not the password'))).toBe(true);
    });

    it('rate limits repeated failures for an account with 429 and Retry-After', async () => {
      await setPassword(t.database, t.users.observer!.id, PASSWORD);
      for (let i = 0; i < 5; i++)
        expect((await signIn('observer@example.org', 'wrong password')).statusCode).toBe(401);
      const limited = await signIn('observer@example.org', PASSWORD);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('handles a form post with 303 redirects, to the target or back to the form', async () => {
      const form = (password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: `email=memberDelegate%40example.org&password=${encodeURIComponent(password)}&redirect=%2Fworkspace`,
        });
      const ok = await form(PASSWORD);
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe('/workspace');
      const bad = await form('wrong password');
      expect(bad.statusCode).toBe(303);
      expect(bad.headers.location).toContain('/sign-in?error=invalid');
    });

    it('lets an administrator reset a password, which ends the user’s sessions; others may not', async () => {
      const res = await signIn('memberDelegate@example.org', PASSWORD);
      const cookie = cookieOf(res);
      const denied = await t.call({
        method: 'POST',
        url: `/api/users/${t.users.memberDelegate!.id}/password`,
        as: 'secretariat',
        payload: { password: 'another long password' },
      });
      expect(denied.statusCode).toBe(403);
      const reset = await t.call({
        method: 'POST',
        url: `/api/users/${t.users.memberDelegate!.id}/password`,
        as: 'admin',
        payload: { password: 'another long password' },
      });
      expect(reset.statusCode).toBe(204);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode,
      ).toBe(401);
      expect((await signIn('memberDelegate@example.org', 'another long password')).statusCode).toBe(200);
      await setPassword(t.database, t.users.memberDelegate!.id, PASSWORD);
      const short = await t.call({
        method: 'POST',
        url: `/api/users/${t.users.memberDelegate!.id}/password`,
        as: 'admin',
        payload: { password: 'short' },
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().errors[0].path).toBe('/body/password');
    });

    it('issues an API token to its owner and revokes it', async () => {
      const issued = await t.call({
        method: 'POST',
        url: `/api/users/${t.users.observer!.id}/tokens`,
        as: 'observer',
        payload: { name: 'script' },
      });
      expect(issued.statusCode).toBe(201);
      const token = issued.json().token as string;
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/auth/me',
            headers: { authorization: `Bearer ${token}` },
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await t.call({
            method: 'POST',
            url: `/api/users/${t.users.admin!.id}/tokens`,
            as: 'observer',
            payload: { name: 'x' },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await t.call({ method: 'DELETE', url: `/api/tokens/${issued.json().id}`, as: 'observer' }))
          .statusCode,
      ).toBe(204);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/auth/me',
            headers: { authorization: `Bearer ${token}` },
          })
        ).statusCode,
      ).toBe(401);
    });

    it('creates users with board-scoped roles, refusing a duplicate e-mail and unknown boards', async () => {
      const body = {
        email: 'new.delegate@example.org',
        displayName: 'New delegate',
        memberStateId: 'KEN',
        grants: [{ role: 'member-delegate', boardId: 'wfp' }],
      };
      const created = await t.call({ method: 'POST', url: '/api/users', as: 'admin', payload: body });
      expect(created.statusCode).toBe(201);
      expect(created.json().grants).toEqual([{ role: 'member-delegate', boardId: 'wfp' }]);
      expect(
        (await t.call({ method: 'POST', url: '/api/users', as: 'admin', payload: body })).statusCode,
      ).toBe(409);
      const badBoard = await t.call({
        method: 'POST',
        url: '/api/users',
        as: 'admin',
        payload: { ...body, email: 'x@example.org', grants: [{ role: 'secretariat', boardId: 'ilo' }] },
      });
      expect(badBoard.statusCode).toBe(400);
      expect(badBoard.json().errors[0].path).toBe('/body/grants/0/boardId');
    });
  });

  describe('embargoes and informal briefings', () => {
    it('releases an embargoed document to its whole audience exactly at its time, also through the read cache', async () => {
      const t0 = new Date('2030-03-01T09:00:00.000Z');
      clock.set(t0);
      const doc = await t.call({
        method: 'POST',
        url: '/api/documents',
        as: 'admin',
        payload: {
          type: 'report',
          title: 'Embargoed report',
          date: '2030-03-01',
          originalLanguage: 'en',
          boardIds: ['undp-unfpa-unops'],
        },
      });
      const id = doc.json().id as string;
      const release = '2030-03-01T10:00:00.000Z';
      expect(
        (
          await t.call({
            method: 'PUT',
            url: `/api/documents/${id}/access`,
            as: 'secretariat',
            payload: { accessLevel: 'board-members', embargoUntil: release },
          })
        ).statusCode,
      ).toBe(204);
      const read = (as?: string) =>
        t.call({ method: 'GET', url: `/api/documents/${id}`, ...(as ? { as } : {}) });
      const list = () =>
        t.call({
          method: 'GET',
          url: '/api/documents?board=undp-unfpa-unops&year=2030',
          as: 'memberDelegate',
        });
      expect((await read('memberDelegate')).statusCode).toBe(404);
      expect((await list()).json().items).toHaveLength(0);
      expect((await read('secretariat')).statusCode).toBe(200); // the secretariat prepares it
      clock.set(new Date(Date.parse(release) - 1));
      expect((await read('memberDelegate')).statusCode).toBe(404);
      expect((await list()).json().items).toHaveLength(0);
      clock.set(new Date(release));
      expect((await read('memberDelegate')).statusCode).toBe(200);
      expect((await list()).json().items).toHaveLength(1);
      expect((await read()).statusCode).toBe(404); // still not public
      expect((await read('observer')).statusCode).toBe(404); // not a member of this board
    });

    it('gives a briefing’s records to every member at the same moment, whether they attended or not', async () => {
      const t0 = new Date('2030-04-01T12:00:00.000Z');
      clock.set(t0);
      const other = await createUser(
        t.database,
        'other.member@example.org',
        [{ role: 'member-delegate', board: 'undp-unfpa-unops' }],
        'BRA',
      );
      const briefing = await t.call({
        method: 'POST',
        url: '/api/sessions',
        as: 'secretariat',
        payload: {
          type: 'informal-briefing',
          title: 'Informal briefing on the structured funding dialogue',
          startDate: '2030-04-01',
          endDate: '2030-04-01',
          boardIds: ['undp-unfpa-unops'],
        },
      });
      const sessionId = briefing.json().id as string;
      const summary = await t.call({
        method: 'POST',
        url: '/api/documents',
        as: 'secretariat',
        payload: {
          type: 'informal-briefing-summary',
          title: 'Summary of the briefing',
          date: '2030-04-01',
          originalLanguage: 'en',
          boardIds: ['undp-unfpa-unops'],
          sessionId,
          accessLevel: 'secretariat',
        },
      });
      const slides = await t.call({
        method: 'POST',
        url: '/api/documents',
        as: 'secretariat',
        payload: {
          type: 'presentation',
          title: 'Slides',
          date: '2030-04-01',
          originalLanguage: 'en',
          boardIds: ['undp-unfpa-unops'],
          sessionId,
          accessLevel: 'secretariat',
        },
      });
      // Ghana attended, Brazil did not.
      expect(
        (
          await t.call({
            method: 'PUT',
            url: `/api/sessions/${sessionId}/attendance`,
            as: 'secretariat',
            payload: { memberStateIds: ['GHA'] },
          })
        ).statusCode,
      ).toBe(204);
      const release = '2030-04-02T09:00:00.000Z';
      const pub = await t.call({
        method: 'POST',
        url: `/api/sessions/${sessionId}/briefing-records`,
        as: 'secretariat',
        payload: { documentIds: [summary.json().id, slides.json().id], releaseAt: release },
      });
      expect(pub.statusCode).toBe(200);
      const records = async (token: string) =>
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/sessions/${sessionId}/briefing-records`,
            headers: { authorization: `Bearer ${token}` },
          })
        ).json().items.length;
      expect(await records(t.users.memberDelegate!.token)).toBe(0);
      expect(await records(other.token)).toBe(0);
      clock.set(new Date(release));
      expect(await records(t.users.memberDelegate!.token)).toBe(2);
      expect(await records(other.token)).toBe(2);
    });

    it('refuses to publish documents of another session as a briefing’s records, changing nothing', async () => {
      const briefing = await t.call({
        method: 'POST',
        url: '/api/sessions',
        as: 'secretariat',
        payload: {
          type: 'informal-briefing',
          title: 'Another briefing',
          startDate: '2030-05-01',
          endDate: '2030-05-01',
          boardIds: ['undp-unfpa-unops'],
        },
      });
      const stray = await t.call({
        method: 'POST',
        url: '/api/documents',
        as: 'secretariat',
        payload: {
          type: 'informal-note',
          title: 'Unrelated',
          date: '2030-05-01',
          originalLanguage: 'en',
          boardIds: ['undp-unfpa-unops'],
          accessLevel: 'secretariat',
        },
      });
      const res = await t.call({
        method: 'POST',
        url: `/api/sessions/${briefing.json().id}/briefing-records`,
        as: 'secretariat',
        payload: { documentIds: [stray.json().id] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('/body/documentIds/0');
      const row = await t.database.db
        .selectFrom('documents')
        .select(['access_level', 'embargo_until'])
        .where('id', '=', stray.json().id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ access_level: 'secretariat', embargo_until: null });
    });
  });

  describe('questions to management', () => {
    it('lets a delegation ask, management answer, and every delegation read both', async () => {
      const asked = await t.call({
        method: 'POST',
        url: '/api/questions',
        as: 'bureau',
        payload: {
          boardId: 'unicef',
          entityId: 'unicef',
          text: 'How will the country programme evaluations be used?',
        },
      });
      expect(asked.statusCode).toBe(201);
      const id = asked.json().id as string;
      expect(
        (
          await t.call({
            method: 'POST',
            url: `/api/questions/${id}/answer`,
            as: 'observer',
            payload: { answer: 'x' },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await t.call({
            method: 'POST',
            url: `/api/questions/${id}/answer`,
            as: 'secretariat',
            payload: { answer: 'x' },
          })
        ).statusCode,
      ).toBe(403); // another board's secretariat
      const answered = await t.call({
        method: 'POST',
        url: `/api/questions/${id}/answer`,
        as: 'management',
        payload: { answer: 'They inform the next country programme documents.' },
      });
      expect(answered.statusCode).toBe(200);
      const seen = await t.call({ method: 'GET', url: '/api/questions?board=unicef', as: 'observer' });
      expect(seen.json().items.find((q: { id: string }) => q.id === id)).toMatchObject({
        answer: 'They inform the next country programme documents.',
        memberStateId: 'JPN',
      });
      expect((await t.call({ method: 'GET', url: '/api/questions?board=unicef' })).statusCode).toBe(401);
      const wrongEntity = await t.call({
        method: 'POST',
        url: '/api/questions',
        as: 'bureau',
        payload: { boardId: 'unicef', entityId: 'wfp', text: 'Wrong entity' },
      });
      expect(wrongEntity.statusCode).toBe(400);
      expect(wrongEntity.json().errors[0].path).toBe('/body/entityId');
    });
  });

  describe('parity ledger', () => {
    it('flags a decision whose document reached the bureau before the other members, and late documents', async () => {
      clock.set(new Date('2031-01-05T09:00:00.000Z'));
      for (const m of ['JPN', 'DEU', 'KEN']) {
        await t.call({
          method: 'POST',
          url: '/api/boards/unicef/memberships',
          as: 'unicefSecretariat',
          payload: { memberStateId: m, termStart: '2030-01-01', termEnd: '2032-12-31' },
        });
      }
      await t.call({
        method: 'POST',
        url: '/api/boards/unicef/bureau',
        as: 'unicefSecretariat',
        payload: { year: 2031, post: 'president', memberStateId: 'JPN' },
      });
      const session = await t.call({
        method: 'POST',
        url: '/api/sessions',
        as: 'unicefSecretariat',
        payload: {
          type: 'first-regular',
          title: 'First regular session 2031',
          startDate: '2031-02-10',
          endDate: '2031-02-13',
          boardIds: ['unicef'],
        },
      });
      const sessionId = session.json().id as string;
      const early = await t.call({
        method: 'POST',
        url: '/api/documents',
        as: 'unicefSecretariat',
        payload: {
          type: 'report',
          title: 'Evaluation report',
          date: '2031-01-05',
          originalLanguage: 'en',
          boardIds: ['unicef'],
          sessionId,
          accessLevel: 'bureau',
          symbol: 'E/ICEF/2031/3',
        },
      });
      clock.set(new Date('2031-02-05T09:00:00.000Z'));
      await t.call({
        method: 'PUT',
        url: `/api/documents/${early.json().id}/access`,
        as: 'unicefSecretariat',
        payload: { accessLevel: 'board-members' },
      });
      const decision = await t.call({
        method: 'POST',
        url: '/api/decisions',
        as: 'unicefSecretariat',
        payload: { boardId: 'unicef', number: '2031/1', sessionId, title: 'Evaluation', paragraphs: [] },
      });
      const ledger = await t.call({
        method: 'GET',
        url: `/api/parity/decisions/${decision.json().id}?minDays=14`,
        as: 'observer',
      });
      expect(ledger.statusCode).toBe(200);
      const body = ledger.json();
      expect(body.members).toBe(3);
      const doc = body.documents[0];
      const since = Object.fromEntries(
        doc.firstAccess.map((f: { memberStateId: string; since: string }) => [f.memberStateId, f.since]),
      );
      expect(since).toEqual({
        DEU: '2031-02-05T09:00:00.000Z',
        JPN: '2031-01-05T09:00:00.000Z',
        KEN: '2031-02-05T09:00:00.000Z',
      });
      expect(doc.unequal).toBe(true);
      expect(doc.late).toBe(true); // 5 days before the session for DEU and KEN
      expect(body.flags).toEqual(['unequal-access:1', 'late-access:1']);
      const report = await t.call({
        method: 'GET',
        url: '/api/parity/report?board=unicef&year=2031',
        as: 'observer',
      });
      expect(report.json().items.map((d: { number: string }) => d.number)).toEqual(['2031/1']);
    });
  });

  it('logs reads of restricted documents, every time', async () => {
    const doc = await t.call({
      method: 'POST',
      url: '/api/documents',
      as: 'unicefSecretariat',
      payload: {
        type: 'informal-note',
        title: 'Bureau note',
        date: '2024-01-01',
        originalLanguage: 'en',
        boardIds: ['unicef'],
        accessLevel: 'bureau',
      },
    });
    const id = doc.json().id as string;
    for (let i = 0; i < 2; i++)
      expect((await t.call({ method: 'GET', url: `/api/documents/${id}`, as: 'bureau' })).statusCode).toBe(
        200,
      );
    const log = await t.database.db.selectFrom('read_log').selectAll().where('record_id', '=', id).execute();
    expect(log.filter((l) => l.actor_id === t.users.bureau!.id)).toHaveLength(2);
    expect(log[0]).toMatchObject({ record_type: 'document', access_level: 'bureau' });
  });

  it('sends security headers', async () => {
    const res = await t.call({ method: 'GET', url: '/api/boards' });
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});

describe.each(BACKENDS)('the last administrator on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(async () => t.close());

  const patch = (id: string, payload: object) =>
    t.call({ method: 'PATCH', url: `/api/users/${id}`, as: 'admin', payload });
  const auditCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('cannot be disabled or lose the role while no other administrator is active', async () => {
    const admin = t.users.admin!.id;
    const before = await auditCount();
    const disable = await patch(admin, { disabled: true });
    expect(disable.statusCode).toBe(409);
    expect(disable.json().errors[0]).toMatchObject({ path: '/body/disabled', code: 'lastAdministrator' });
    const demote = await patch(admin, { grants: [{ role: 'secretariat', boardId: 'unicef' }] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().errors[0]).toMatchObject({ path: '/body/grants', code: 'lastAdministrator' });
    expect(await auditCount()).toBe(before);
    // Still an administrator: it may still list users.
    expect((await t.call({ method: 'GET', url: '/api/users', as: 'admin' })).statusCode).toBe(200);
    // With a second active administrator, the first may step down.
    const other = await createUser(t.database, 'second-admin@example.org', [{ role: 'administrator', board: null }], null);
    expect(other.id).toBeTruthy();
    expect((await patch(admin, { grants: [{ role: 'secretariat', boardId: 'unicef' }] })).statusCode).toBe(200);
  });
});
