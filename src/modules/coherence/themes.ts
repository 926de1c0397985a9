// The tag catalogue: the 17 SDGs ("sdg:5"), their 169 targets ("sdg:5.5", "sdg:5.a") and the
// cross-cutting themes the boards follow together ("theme:psea"). A tag id names exactly one of
// these; anything else is rejected at the API.
import { SDG_GOALS, SDG_TARGETS } from './data/sdg.js';
import { THEME_KEYWORDS } from './data/keywords.js';

export type TagKind = 'sdg-goal' | 'sdg-target' | 'theme';

export interface TagInfo {
  id: string;
  kind: TagKind;
  code: string;
  label: string;
  labelZh: string | null;
  /** The goal of a target, the SDG a theme corresponds to, else null. */
  parent: string | null;
  text: string | null;
}

const GOAL_ZH: Record<string, string> = {
  '1': '无贫穷', '2': '零饥饿', '3': '良好健康与福祉', '4': '优质教育', '5': '性别平等', '6': '清洁饮水和卫生设施',
  '7': '经济适用的清洁能源', '8': '体面工作和经济增长', '9': '产业、创新和基础设施', '10': '减少不平等',
  '11': '可持续城市和社区', '12': '负责任消费和生产', '13': '气候行动', '14': '水下生物', '15': '陆地生物',
  '16': '和平、正义与强大机构', '17': '促进目标实现的伙伴关系',
};

export const TAGS: TagInfo[] = [
  ...SDG_GOALS.map((g): TagInfo => ({
    id: `sdg:${g.code}`,
    kind: 'sdg-goal',
    code: g.code,
    label: `SDG ${g.code}: ${g.shortTitle}`,
    labelZh: `可持续发展目标${g.code}：${GOAL_ZH[g.code] ?? ''}`,
    parent: null,
    text: g.title,
  })),
  ...SDG_TARGETS.map((t): TagInfo => ({
    id: `sdg:${t.code}`,
    kind: 'sdg-target',
    code: t.code,
    label: `Target ${t.code}`,
    labelZh: `具体目标${t.code}`,
    parent: `sdg:${t.goal}`,
    text: t.text,
  })),
  ...Object.entries(THEME_KEYWORDS).map(([id, t]): TagInfo => ({
    id: `theme:${id}`,
    kind: 'theme',
    code: id,
    label: t.label,
    labelZh: t.labelZh,
    parent: t.sdg ? `sdg:${t.sdg}` : null,
    text: null,
  })),
];

export const TAG_BY_ID = new Map(TAGS.map((t) => [t.id, t]));
export const THEME_TAGS = TAGS.filter((t) => t.kind === 'theme');
export const GOAL_TAGS = TAGS.filter((t) => t.kind === 'sdg-goal');
/** Columns of the board × theme matrix: the cross-cutting themes, then the 17 goals. */
export const MATRIX_TAGS = [...THEME_TAGS, ...GOAL_TAGS];

export function isTag(id: string): boolean {
  return TAG_BY_ID.has(id);
}

export const TAG_PATTERN = '^(sdg:(1[0-7]|[1-9])(\\.([0-9]{1,2}|[a-z]))?|theme:[a-z0-9-]{2,40})$';
