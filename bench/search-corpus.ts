// Generator of a SYNTHETIC multilingual corpus of board-document paragraphs for benchmarks: every
// text is invented from small per-language vocabularies (Zipf-distributed), labelled synthetic in
// its title. Deterministic for a seed. Six languages in equal shares.
export type Lang = 'ar' | 'zh' | 'en' | 'fr' | 'ru' | 'es';
export const LANGS: Lang[] = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

const VOCAB: Record<Lang, string[]> = {
  en: 'board executive governance oversight review recommendation delegation member state session decision report programme fund agency coherence accountability funding compact transparency risk management evaluation audit resources country office partnership humanitarian development peace climate gender equality data capacity strategy plan implementation working group joint meeting system reform coordination results efficiency effectiveness multilateralism information asymmetry members observers secretariat president bureau annual regular informal briefing field visit mandate framework policy support guidance priority challenge opportunity'.split(
    ' ',
  ),
  fr: 'conseil administration gouvernance contrôle examen recommandation délégation État membre session décision rapport programme fonds organisme cohérence responsabilité pacte financement transparence gestion risques évaluation audit ressources bureau pays partenariat humanitaire développement paix climat égalité genre données capacité stratégie plan mise œuvre groupe travail réunion conjointe système réforme coordination résultats efficacité multilatéralisme information asymétrie membres observateurs secrétariat président annuelle ordinaire informelle visite terrain mandat cadre politique appui orientation priorité défi'.split(
    ' ',
  ),
  es: 'junta ejecutiva gobernanza supervisión examen recomendación delegación Estado miembro período sesiones decisión informe programa fondo organismo coherencia rendición cuentas pacto financiación transparencia gestión riesgos evaluación auditoría recursos oficina país asociación humanitaria desarrollo paz clima igualdad género datos capacidad estrategia plan aplicación grupo trabajo reunión conjunta sistema reforma coordinación resultados eficiencia multilateralismo información asimetría miembros observadores secretaría presidente anual ordinario oficiosa visita terreno mandato marco política apoyo orientación prioridad desafío'.split(
    ' ',
  ),
  ru: 'исполнительный совет управление надзор обзор рекомендация делегация государство член сессия решение доклад программа фонд учреждение согласованность подотчетность договор финансирование прозрачность управление рисками оценка ревизия ресурсы страновое отделение партнерство гуманитарный развитие мир климат гендерное равенство данные потенциал стратегия план осуществление рабочая группа совместное заседание система реформа координация результаты эффективность многосторонность информация асимметрия члены наблюдатели секретариат председатель ежегодная очередная неофициальный брифинг поездка мандат рамки политика поддержка'.split(
    ' ',
  ),
  ar: 'المجلس التنفيذي الحوكمة الرقابة الاستعراض التوصية الوفد الدولة العضو الدورة المقرر التقرير البرنامج الصندوق الوكالة الاتساق المساءلة اتفاق التمويل الشفافية إدارة المخاطر التقييم مراجعة الموارد المكتب القطري الشراكة الإنسانية التنمية السلام المناخ المساواة بين الجنسين البيانات القدرات الاستراتيجية الخطة التنفيذ الفريق العامل الاجتماع المشترك المنظومة الإصلاح التنسيق النتائج الكفاءة الفعالية تعددية الأطراف المعلومات التماثل الأعضاء المراقبون الأمانة الرئيس المكتب السنوية العادية إحاطة غير رسمية زيارة ميدانية الولاية الإطار السياسة الدعم'.split(
    ' ',
  ),
  zh: '执行局 治理 监督 审查 建议 代表团 会员国 届会 决定 报告 方案 基金 机构 一致性 问责制 筹资契约 透明度 风险管理 评价 审计 资源 国家办事处 伙伴关系 人道主义 发展 和平 气候 性别平等 数据 能力 战略 计划 执行 工作组 联席会议 系统 改革 协调 成果 效率 有效性 多边主义 信息 不对称 成员 观察员 秘书处 主席 主席团 年度 常会 非正式 简报会 实地考察 任务 框架 政策 支持 指导 优先事项 挑战 机会 联检组 可持续发展目标'.split(
    ' ',
  ),
};
const NAMES: Record<Lang, string[]> = {
  en: ['UNDP', 'UNFPA', 'UNOPS', 'UNICEF', 'UN-Women', 'WFP', 'JIU', 'ECOSOC'],
  fr: ['PNUD', 'FNUAP', 'UNOPS', 'UNICEF', 'ONU-Femmes', 'PAM', 'CCI'],
  es: ['PNUD', 'UNFPA', 'UNOPS', 'UNICEF', 'ONU-Mujeres', 'PMA', 'DCI'],
  ru: ['ПРООН', 'ЮНФПА', 'ЮНОПС', 'ЮНИСЕФ', 'ООН-женщины', 'ВПП', 'ОИГ'],
  ar: ['البرنامج الإنمائي', 'صندوق الأمم المتحدة للسكان', 'اليونيسف', 'برنامج الأغذية العالمي'],
  zh: ['开发署', '人口基金', '项目署', '儿基会', '妇女署', '粮食署'],
};

/** Mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function zipfPicker(n: number, random: () => number): () => number {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cdf: number[] = [];
  let acc = 0;
  for (const w of weights) cdf.push((acc += w / total));
  return () => {
    const r = random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function paragraphText(lang: Lang, random: () => number, pick: () => number): string {
  const words = VOCAB[lang];
  const n = 25 + Math.floor(random() * 45);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (random() < 0.04) out.push(NAMES[lang][Math.floor(random() * NAMES[lang].length)]!);
    else out.push(words[pick() % words.length]!);
    if (lang === 'zh' && random() < 0.12) out.push('，');
  }
  if (random() < 0.05) out.push(lang === 'zh' ? '可持续发展目标 5' : 'SDG 5');
  const text = lang === 'zh' ? out.join('') : out.join(' ');
  return (lang === 'zh' ? text : text[0]!.toUpperCase() + text.slice(1)) + (lang === 'zh' ? '。' : '.');
}

/** Documents of `perDocument` numbered paragraphs, as the text files a secretariat would import. */
export function* syntheticDocuments(total: number, perDocument = 200, seed = 42) {
  const random = rng(seed);
  const pick = zipfPicker(80, random);
  let made = 0;
  let doc = 0;
  while (made < total) {
    const lang = LANGS[doc % LANGS.length]!;
    const n = Math.min(perDocument, total - made);
    const paragraphs = Array.from({ length: n }, () => paragraphText(lang, random, pick));
    const year = 2015 + (doc % 10);
    const text = [
      `Synthetic benchmark document ${doc + 1} (${lang}) — synthetic text`,
      '',
      `${(doc % 28) + 1} June ${year}`,
      '',
      ...paragraphs.map((p, i) => `${i + 1}. ${p}`),
      '',
    ].join('\n');
    yield { name: `synthetic-${String(doc + 1).padStart(6, '0')}.${lang}.txt`, lang, year, text, paragraphs };
    made += n;
    doc++;
  }
}
