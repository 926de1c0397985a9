// Checks the English–Chinese alias dictionary against the UN Parallel Corpus v1.0 dev set: for each
// alias, how many English lines contain an English form and how many of their aligned Chinese lines
// contain a Chinese form. Run: npx tsx src/modules/coherence/data/check-aliases.ts <reference-data-folder>
import fs from 'node:fs';
import { ALIASES } from './aliases.js';
const en = fs.readFileSync((process.argv[2] ?? usage()) + '/unpc-dev/unpc_v1.0_devset.en','utf8').split('\n').map(s=>s.toLowerCase());
const zh = fs.readFileSync((process.argv[2] ?? usage()) + '/unpc-dev/unpc_v1.0_devset.zh.desegmented','utf8').split('\n');
const hasEn=(l:string,f:string)=>{ const p=f.endsWith('*')?f.slice(0,-1):f; const re=new RegExp('(^|[^a-z])'+p.replace(/[.*+?^${}()|[\]\\]/g,'\\$&')+(f.endsWith('*')?'':'($|[^a-z])')); return re.test(l);};
for (const a of ALIASES){ let n=0,both=0; for(let i=0;i<en.length;i++){ if(a.en.some(f=>hasEn(en[i]!,f))){n++; if(a.zh.some(z=>zh[i]!.includes(z))) both++;}} console.log(a.id, n, both, n? (both/n).toFixed(2):'-'); }

function usage(): never {
  console.error('usage: give the reference data folder (with sdg/ and unpc-dev/) as the first argument');
  process.exit(2);
}
