// Rule-based extraction of mandates from the operative paragraphs of a decision, in English and in
// Chinese: "Requests the Administrator to report on … at its annual session 2025" /
// "请署长在 2025 年年度会议上报告……". Each match gives the addressee (an entity where it can be
// told), the verb and deliverable, the due session (type and year) and the matched text span. These
// are suggestions: the secretariat confirms or rejects each one.
import { BOARDS, ENTITIES } from '../registry/data/reference.js';

export type DueSessionType = 'first-regular' | 'annual' | 'second-regular' | 'joint-meeting' | 'special';

export interface ExtractedMandate {
  entityId: string | null;
  addresseeText: string;
  verb: string;
  deliverable: string;
  dueSession: { type: DueSessionType; year: number } | null;
  language: 'en' | 'zh';
  span: { start: number; end: number; text: string };
}

const BOARD_ENTITIES: Record<string, string[]> = Object.fromEntries(
  BOARDS.map((b) => [b.id, ENTITIES.filter((e) => e.boardId === b.id).map((e) => e.id)]),
);

// ---- English ----
const EN_ENTITY: [RegExp, string][] = [
  [/\bUNDP\b|\bAdministrator\b/i, 'undp'],
  [/\bUNFPA\b/i, 'unfpa'],
  [/\bUNOPS\b/i, 'unops'],
  [/\bUNICEF\b/i, 'unicef'],
  [/\bUN[- ]Women\b/i, 'unwomen'],
  [/\bWFP\b|World Food Programme/i, 'wfp'],
];

const EN_LEAD = String.raw`(?:(?:also|further|again|moreover|in addition)\s+)?(?:requests|invites|calls upon|urges|encourages|asks|directs)`;
const EN_VERBS = String.raw`report|present|submit|provide|prepare|include|brief|update|share|develop|conduct|propose|inform`;
const EN_RE = new RegExp(
  String.raw`\b(?<lead>${EN_LEAD})\s+(?<addr>(?:(?!\bto\b)[^;.]){1,160}?)\s+to\s+(?:(?:continue|also)\s+to\s+)?(?<verb>${EN_VERBS})\b(?<rest>[^;]*?)(?=;|\.(?:\s|$)|$)`,
  'gi',
);
const EN_SESSION: { re: RegExp; type: (m: RegExpExecArray) => DueSessionType; year: (m: RegExpExecArray) => number }[] = [
  {
    // "at its annual session 2025", "at the second regular session of 2025", "first regular session, 2026"
    re: /(?:at|to|during|for)?\s*(?:its|the)?\s*(first regular|second regular|annual|special)\s+session(?:\s*(?:of|in|,))?\s*(\d{4})/i,
    type: (m) => sessionType(m[1]!),
    year: (m) => Number(m[2]),
  },
  {
    // "at its 2025 annual session"
    re: /(?:at|to|during|for)?\s*(?:its|the)?\s*(\d{4})\s+(first regular|second regular|annual|special)\s+session/i,
    type: (m) => sessionType(m[2]!),
    year: (m) => Number(m[1]),
  },
  {
    // "at the joint meeting of the Executive Boards in 2025"
    re: /(?:at|to|during|for)?\s*(?:its|the)?\s*joint meeting(?: of the (?:executive )?boards)?(?:\s*(?:of|in|,))?\s*(\d{4})/i,
    type: () => 'joint-meeting',
    year: (m) => Number(m[1]),
  },
];

function sessionType(s: string): DueSessionType {
  const k = s.toLowerCase();
  return k.startsWith('first') ? 'first-regular' : k.startsWith('second') ? 'second-regular' : k === 'special' ? 'special' : 'annual';
}

function entitiesFrom(addr: string, table: [RegExp, string][], boardId: string | undefined): (string | null)[] {
  const found = table.filter(([re]) => re.test(addr)).map(([, id]) => id);
  if (found.length) return [...new Set(found)];
  const onBoard = boardId ? BOARD_ENTITIES[boardId] : undefined;
  // "the Executive Director" on a board with one entity is that entity's head; otherwise unknown.
  return onBoard && onBoard.length === 1 ? [onBoard[0]!] : [null];
}

function cleanEn(s: string): string {
  return s
    .replace(/\((?:synthetic[^)]*)\)/gi, '')
    .replace(/,?\s*(?:to|before)\s+the\s+Executive\s+Board(?:\s+of\s+[A-Z][\w/-]*)?,?/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;])/g, '$1')
    .replace(/^[\s,]+|[\s,.;:]+$/g, '')
    .replace(/,\s*,/g, ',')
    .replace(/^(\S+)\s*,\s*/, '$1 ');
}

export function extractEnglish(text: string, boardId?: string): ExtractedMandate[] {
  const out: ExtractedMandate[] = [];
  for (const m of text.matchAll(EN_RE)) {
    const g = m.groups!;
    const addr = g.addr!.trim();
    if (!/\b(?:Administrator|Executive Director|Director|UNDP|UNFPA|UNOPS|UNICEF|UN[- ]Women|WFP|secretariat|management|Secretary)\b/i.test(addr))
      continue; // e.g. "invites Member States to provide" is not a mandate of management
    const rest = g.rest ?? '';
    let dueSession: ExtractedMandate['dueSession'] = null;
    let deliverableRest = rest;
    for (const s of EN_SESSION) {
      const sm = s.re.exec(rest);
      if (sm) {
        dueSession = { type: s.type(sm), year: s.year(sm) };
        deliverableRest = rest.slice(0, sm.index) + ' ' + rest.slice(sm.index + sm[0].length);
        break;
      }
    }
    const start = m.index;
    const spanText = m[0].replace(/\s+$/, '');
    for (const entityId of entitiesFrom(addr, EN_ENTITY, boardId)) {
      out.push({
        entityId,
        addresseeText: addr.replace(/^the\s+/i, ''),
        verb: g.verb!.toLowerCase(),
        deliverable: cleanEn(`${g.verb!.toLowerCase()} ${deliverableRest}`),
        dueSession,
        language: 'en',
        span: { start, end: start + spanText.length, text: spanText },
      });
    }
  }
  return out;
}

// ---- Chinese ----
const ZH_ENTITY: [RegExp, string][] = [
  [/开发署|署长/, 'undp'],
  [/人口基金/, 'unfpa'],
  [/项目署/, 'unops'],
  [/儿基会/, 'unicef'],
  [/妇女署/, 'unwomen'],
  [/粮食署|粮食计划署/, 'wfp'],
];
const ZH_LEAD = '(?:又请|还请|并请|另请|再次请|吁请|邀请|请|要求|鼓励)';
const ZH_ORG = '(?:开发署|人口基金|项目署|儿基会|妇女署|粮食署|各机构)';
const ZH_HEAD = '(?:署长|执行主任|执行干事|秘书处|管理层)';
const ZH_ADDR = `(?:(?:${ZH_ORG}[、和及与/]?)*${ZH_HEAD}|(?:${ZH_ORG}[、和及与/]?)+)`;
const ZH_VERBS = '报告|提交|提出|介绍|汇报|通报|提供|说明';
const ZH_RE = new RegExp(
  `(?<lead>${ZH_LEAD})\\s*(?<addr>${ZH_ADDR})(?<mid>[^。；;]*?)(?<verb>${ZH_VERBS})(?<rest>[^。；;]*)`,
  'g',
);
const ZH_SESSION = /(\d{4})\s*年\s*(?:的)?\s*(?:执行局\s*)?(年度会议|第一届常会|第二届常会|特别会议|联席会议)/;
const ZH_SESSION_TYPE: Record<string, DueSessionType> = {
  年度会议: 'annual',
  第一届常会: 'first-regular',
  第二届常会: 'second-regular',
  特别会议: 'special',
  联席会议: 'joint-meeting',
};

function cleanZh(s: string): string {
  return s
    .replace(/[（(]\s*synthetic[^）)]*[）)]/gi, '')
    .replace(/[（(]合成示例[^）)]*[）)]/g, '')
    .replace(/\s+/g, '')
    .replace(/^[，,、]+|[，,、。；]+$/g, '');
}

export function extractChinese(text: string, boardId?: string): ExtractedMandate[] {
  const out: ExtractedMandate[] = [];
  for (const m of text.matchAll(ZH_RE)) {
    const g = m.groups!;
    const addr = g.addr!;
    const sm = ZH_SESSION.exec(`${g.mid}${g.rest}`);
    const dueSession = sm ? { type: ZH_SESSION_TYPE[sm[2]!]!, year: Number(sm[1]) } : null;
    // "向执行局 2025 年年度会议报告X" / "在……上提交关于X的报告": the deliverable is verb + object.
    const object = (g.rest ?? '').replace(ZH_SESSION, '').replace(/^[上会]*/, '');
    const spanText = m[0];
    for (const entityId of entitiesFrom(addr, ZH_ENTITY, boardId)) {
      out.push({
        entityId,
        addresseeText: addr,
        verb: g.verb!,
        deliverable: cleanZh(`${g.verb}${object}`),
        dueSession,
        language: 'zh',
        span: { start: m.index, end: m.index + spanText.length, text: spanText },
      });
    }
  }
  return out;
}

/** Extracts from text in either language; `language` picks one, otherwise it is detected. */
export function extractMandates(text: string, opts: { language?: string; boardId?: string } = {}): ExtractedMandate[] {
  const lang = opts.language ?? (/[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en');
  return lang === 'zh' ? extractChinese(text, opts.boardId) : extractEnglish(text, opts.boardId);
}
