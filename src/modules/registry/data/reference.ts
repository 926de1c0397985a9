// The six entities and four Executive Boards, with the General Assembly resolutions that set the
// boards up. Facts from the entities' and boards' public mandates.

export const ENTITIES = [
  { id: 'undp', code: 'UNDP', name: 'United Nations Development Programme', executiveHeadTitle: 'Administrator', website: 'https://www.undp.org', boardId: 'undp-unfpa-unops' },
  { id: 'unfpa', code: 'UNFPA', name: 'United Nations Population Fund', executiveHeadTitle: 'Executive Director', website: 'https://www.unfpa.org', boardId: 'undp-unfpa-unops' },
  { id: 'unops', code: 'UNOPS', name: 'United Nations Office for Project Services', executiveHeadTitle: 'Executive Director', website: 'https://www.unops.org', boardId: 'undp-unfpa-unops' },
  { id: 'unicef', code: 'UNICEF', name: "United Nations Children's Fund", executiveHeadTitle: 'Executive Director', website: 'https://www.unicef.org', boardId: 'unicef' },
  { id: 'unwomen', code: 'UN-Women', name: 'United Nations Entity for Gender Equality and the Empowerment of Women', executiveHeadTitle: 'Executive Director', website: 'https://www.unwomen.org', boardId: 'unwomen' },
  { id: 'wfp', code: 'WFP', name: 'World Food Programme', executiveHeadTitle: 'Executive Director', website: 'https://www.wfp.org', boardId: 'wfp' },
] as const;

export const BOARDS = [
  { id: 'undp-unfpa-unops', code: 'UNDP/UNFPA/UNOPS', name: 'Executive Board of UNDP, UNFPA and UNOPS', establishedBy: 'General Assembly resolution 48/162' },
  { id: 'unicef', code: 'UNICEF', name: 'Executive Board of UNICEF', establishedBy: 'General Assembly resolution 48/162' },
  { id: 'unwomen', code: 'UN-Women', name: 'Executive Board of UN-Women', establishedBy: 'General Assembly resolution 64/289' },
  { id: 'wfp', code: 'WFP', name: 'Executive Board of WFP', establishedBy: 'General Assembly resolution 48/162' },
] as const;
