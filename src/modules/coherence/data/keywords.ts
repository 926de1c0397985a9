// Hand-written keyword rules of the tagging model (written for Concord; not derived from a third
// party). English and Chinese terms per SDG goal, per selected SDG target and per cross-cutting
// theme of DOMAIN.md. A term ending in * matches any word starting with it (English only); Chinese
// terms match as substrings. Weight 2 marks a term that by itself signals the tag, 1 a supporting
// term that needs company. English target-level rules come from the Aurora queries (aurora-rules.ts).

export interface KeywordSet {
  en: [string, number][];
  zh: [string, number][];
}

const k = (en: string, zh: string): KeywordSet => ({ en: parse(en), zh: parse(zh) });

/** "term:2; other term; x*" -> [["term", 2], ["other term", 1], ["x*", 1]] */
function parse(list: string): [string, number][] {
  return list
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.*?):(\d)$/.exec(s);
      return m ? [m[1]!.trim(), Number(m[2])] : [s, 1];
    });
}

/** Goal-level keywords, by goal number. */
export const GOAL_KEYWORDS: Record<string, KeywordSet> = {
  '1': k('poverty:2; poor; social protection:2; extreme poverty:2; basic services', '贫困:2; 贫穷:2; 扶贫:2; 社会保护:2; 基本服务'),
  '2': k('hunger:2; food security:2; nutrition:2; malnutrition:2; stunting:2; smallholder*; agricultur*; food systems:2; school meals:2', '饥饿:2; 粮食安全:2; 营养:2; 营养不良:2; 发育迟缓:2; 小农; 农业; 粮食系统:2; 学校供餐:2'),
  '3': k('health:1; maternal mortality:2; immuni*:2; vaccin*:2; HIV:2; malaria:2; universal health coverage:2; well-being; mental health:2', '卫生:1; 健康:1; 孕产妇死亡:2; 免疫:2; 疫苗:2; 艾滋病:2; 疟疾:2; 全民健康覆盖:2; 心理健康:2'),
  '4': k('education:2; school*; learning; literacy:2; teacher*; skills', '教育:2; 学校; 学习; 识字:2; 教师; 技能'),
  '5': k('gender equality:2; women:1; girls:1; empowerment of women:2; gender-based violence:2; female genital mutilation:2; child marriage:2; gender parity:2', '性别平等:2; 妇女:1; 女童:1; 赋权:1; 增强妇女权能:2; 基于性别的暴力:2; 切割女性生殖器:2; 童婚:2; 性别均等:2'),
  '6': k('water:1; sanitation:2; drinking water:2; hygiene:2; WASH:2', '供水:2; 水资源:2; 环境卫生:2; 饮用水:2; 个人卫生:2; 讲卫生:2'),
  '7': k('energy:2; renewable energy:2; electricity:2; energy efficiency:2; clean cooking:2', '能源:2; 可再生能源:2; 电力:2; 能效:2; 清洁烹饪:2'),
  '8': k('decent work:2; employment:2; economic growth:2; child labour:2; jobs; youth employment:2; labour', '体面工作:2; 就业:2; 经济增长:2; 童工:2; 工作岗位; 青年就业:2; 劳动'),
  '9': k('infrastructure:2; industrialization:2; innovation:1; research and development; digital:1; connectivity', '基础设施:2; 工业化:2; 创新:1; 研究与开发; 数字:1; 连通'),
  '10': k('inequalit*:2; inclusion:1; migration:2; migrants:2; discrimination:1; leave no one behind:2', '不平等:2; 包容:1; 移民:2; 移徙:2; 歧视:1; 不让任何一个人掉队:2; 不让任何人掉队:2'),
  '11': k('cities:2; urban:2; housing:2; disaster risk reduction:2; human settlements:2', '城市:2; 住房:2; 减少灾害风险:2; 人类住区:2'),
  '12': k('sustainable consumption:2; sustainable production:2; waste:1; procurement:1; food loss:2; sustainable procurement:2', '可持续消费:2; 可持续生产:2; 废物:1; 采购:1; 粮食损失:2; 可持续采购:2'),
  '13': k('climate:2; climate change:2; climate action:2; adaptation:1; mitigation:1; greenhouse gas:2; resilience:1', '气候:2; 气候变化:2; 气候行动:2; 适应:1; 减缓:1; 温室气体:2; 复原力:1; 抵御能力:1'),
  '14': k('ocean*:2; marine:2; fisheries:2; coastal', '海洋:2; 渔业:2; 沿海'),
  '15': k('biodiversity:2; forest*:2; desertification:2; land degradation:2; ecosystems:1', '生物多样性:2; 森林:2; 荒漠化:2; 土地退化:2; 生态系统:1'),
  '16': k('peace:2; justice:2; institutions:1; accountab*:1; transparen*:1; corruption:2; violence:1; rule of law:2; governance:1; oversight:1', '和平:2; 司法:2; 机构:1; 问责:1; 透明:1; 腐败:2; 暴力:1; 法治:2; 治理:1; 监督:1'),
  '17': k('partnership*:2; resource mobilization:2; official development assistance:2; South-South:2; financing for development:2; funding:1; data:1; policy coherence:2; multi-stakeholder:2', '伙伴关系:2; 资源调动:2; 官方发展援助:2; 南南:2; 发展筹资:2; 筹资:1; 供资:1; 数据:1; 政策一致性:2; 多利益攸关方:2'),
};

/**
 * Chinese (and a few extra English) rules for targets the boards follow most; the other targets
 * are tagged from English through the Aurora queries only, and in Chinese through their goal.
 */
export const TARGET_KEYWORDS: Record<string, KeywordSet> = {
  '1.2': k('multidimensional poverty:2', '多维贫困:2'),
  '1.3': k('social protection systems:2; social protection floors:2', '社会保护制度:2; 社会保护体系:2; 社会保护底线:2'),
  '2.1': k('access to food:2', '获得粮食:2; 粮食供应:1'),
  '2.2': k('malnutrition:2; stunting:2; wasting:2', '营养不良:2; 发育迟缓:2; 消瘦:2'),
  '3.1': k('maternal mortality:2', '孕产妇死亡:2; 孕产妇死亡率:2'),
  '3.2': k('newborn*:2; under-5 mortality:2; neonatal mortality:2', '新生儿:2; 五岁以下儿童死亡:2'),
  '3.7': k('family planning:2; sexual and reproductive health:2', '计划生育:2; 性健康和生殖健康:2'),
  '3.8': k('universal health coverage:2', '全民健康覆盖:2'),
  '4.1': k('primary and secondary education:2', '中小学教育:2; 初等和中等教育:2'),
  '4.2': k('early childhood:2; pre-primary:2', '幼儿:2; 学前教育:2'),
  '5.1': k('discrimination against women:2', '对妇女的歧视:2; 歧视妇女:2'),
  '5.2': k('violence against women:2; gender-based violence:2; trafficking:1', '对妇女的暴力:2; 暴力侵害妇女:2; 基于性别的暴力:2; 贩运:1'),
  '5.3': k('child marriage:2; female genital mutilation:2; forced marriage:2', '童婚:2; 切割女性生殖器:2; 强迫婚姻:2'),
  '5.4': k('unpaid care:2; domestic work:2', '无偿护理:2; 家务劳动:2'),
  '5.5': k("women's leadership:2; women's participation:2; gender parity:2; women in leadership:2", '妇女领导:2; 妇女参与:2; 性别均等:2; 领导岗位:1'),
  '5.6': k('reproductive rights:2; sexual and reproductive health:2', '生殖权利:2; 性健康和生殖健康:2'),
  '5.c': k('gender equality policies:2; gender equality:1', '性别平等政策:2; 性别平等:1'),
  '6.1': k('safe drinking water:2', '安全饮用水:2'),
  '6.2': k('sanitation and hygiene:2; open defecation:2', '环境卫生和个人卫生:2; 露天便溺:2'),
  '8.7': k('child labour:2; forced labour:2', '童工:2; 强迫劳动:2'),
  '10.2': k('social, economic and political inclusion:2; inclusion of persons with disabilities:2', '社会、经济和政治包容:2; 残疾人包容:2'),
  '10.7': k('migration policies:2; safe migration:2', '移民政策:2; 安全移民:2'),
  '11.5': k('disaster*:1; disaster losses:2', '灾害:1; 灾害损失:2'),
  '13.1': k('climate-related hazards:2; adaptive capacity:2', '与气候有关的灾害:2; 适应能力:2'),
  '13.2': k('climate change measures:2; national policies on climate:2', '气候变化措施:2'),
  '13.3': k('climate change education:2; early warning:2', '气候变化教育:2; 早期预警:2'),
  '16.5': k('corruption:2; bribery:2', '腐败:2; 贿赂:2'),
  '16.6': k('accountable institutions:2; transparent institutions:2; effective, accountable and transparent:2', '有效、负责和透明的机构:2; 问责机构:2'),
  '16.7': k('participatory decision-making:2; representative decision-making:2', '参与性决策:2; 代表性决策:2'),
  '16.8': k('global governance:2', '全球治理:2'),
  '16.10': k('access to information:2', '获取信息:2; 信息公开:2'),
  '17.3': k('additional financial resources:2', '额外财政资源:2'),
  '17.9': k('capacity-building:2; capacity building:2', '能力建设:2'),
  '17.14': k('policy coherence:2', '政策一致性:2'),
  '17.17': k('public-private partnership*:2; civil society partnership*:2', '公私伙伴关系:2; 民间社会伙伴关系:2'),
  '17.18': k('data availability:2; disaggregated data:2; statistical capacity:2', '数据可得性:2; 分类数据:2; 统计能力:2'),
};

/** The cross-cutting themes of DOMAIN.md (ids shared with ingest's theme annotations). */
export const THEME_KEYWORDS: Record<string, { label: string; labelZh: string; sdg?: string; keywords: KeywordSet }> = {
  'gender-equality': {
    label: 'Gender equality (SDG 5)',
    labelZh: '性别平等（可持续发展目标5）',
    sdg: '5',
    keywords: k('gender equality:2; gender parity:2; gender-responsive:2; empowerment of women:2; gender mainstreaming:2; women and girls:1; gender:1', '性别平等:2; 性别均等:2; 促进性别平等:2; 增强妇女权能:2; 性别主流化:2; 妇女和女童:1; 性别:1'),
  },
  qcpr: {
    label: 'QCPR',
    labelZh: '四年度全面政策审查',
    keywords: k('QCPR:2; quadrennial comprehensive policy review:2', '四年度全面政策审查:2; 四年期全面政策审查:2; 全面政策审查:2'),
  },
  'funding-compact': {
    label: 'Funding Compact',
    labelZh: '筹资契约',
    keywords: k('funding compact:2; core resources:1; regular resources:1; pooled funding:1', '筹资契约:2; 供资契约:2; 核心资源:1; 经常资源:1; 集合供资:1'),
  },
  'un-2-0': {
    label: 'UN 2.0',
    labelZh: '联合国2.0',
    keywords: k('UN 2.0:2; quintet of change:2; data, digital, innovation:1', '联合国2.0:2; 联合国 2.0:2; 变革五重奏:2'),
  },
  'summit-of-the-future': {
    label: 'Summit of the Future / Pact for the Future',
    labelZh: '未来峰会 / 未来契约',
    keywords: k('summit of the future:2; pact for the future:2', '未来峰会:2; 未来契约:2; 未来行动方案:2'),
  },
  psea: {
    label: 'PSEA and sexual harassment',
    labelZh: '防止性剥削和性虐待及性骚扰',
    keywords: k('sexual exploitation and abuse:2; sexual harassment:2; PSEA:2; SEAH:2; safeguarding:1', '性剥削和性虐待:2; 性骚扰:2; 防止性剥削:2; 保障措施:1'),
  },
  nexus: {
    label: 'Humanitarian-development-peace nexus',
    labelZh: '人道主义-发展-和平关联',
    keywords: k('humanitarian-development-peace nexus:2; humanitarian, development and peace:2; nexus:2; humanitarian:1; fragile:1', '人道主义-发展-和平:2; 人道主义、发展与和平:2; 人道主义、发展和和平:2; 三重关联:2; 人道主义:1; 脆弱:1'),
  },
  'climate-action': {
    label: 'Climate action',
    labelZh: '气候行动',
    sdg: '13',
    keywords: k('climate action:2; climate change:2; climate finance:2; climate:1; adaptation:1', '气候行动:2; 气候变化:2; 气候融资:2; 气候:1; 适应:1'),
  },
  'disability-inclusion': {
    label: 'Disability inclusion',
    labelZh: '残疾包容',
    keywords: k('disability inclusion:2; persons with disabilities:2; disabilit*:2; disability inclusion strategy:2', '残疾包容:2; 残疾人:2; 残疾:2; 残疾包容战略:2'),
  },
  'risk-management': {
    label: 'Risk management',
    labelZh: '风险管理',
    keywords: k('risk management:2; enterprise risk:2; risk appetite:2; risk:1; risks:1', '风险管理:2; 企业风险:2; 风险偏好:2; 风险:1'),
  },
  'joint-programmes': {
    label: 'Joint programmes',
    labelZh: '联合方案',
    keywords: k('joint programme*:2; joint program*:2; joint programming:2', '联合方案:2; 联合计划:2; 联合规划:2'),
  },
  'shared-back-offices': {
    label: 'Shared back offices',
    labelZh: '共用后台办公室',
    keywords: k('back office*:2; back-office*:2; shared services:2; common premises:2; business operations strategy:2; mutual recognition:1', '后台办公室:2; 共用后台:2; 共享服务:2; 共同房地:2; 业务运营战略:2; 相互承认:1'),
  },
};
