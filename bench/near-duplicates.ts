// Benchmark of near-duplicate detection (src/modules/coherence/minhash.ts) over a synthetic corpus
// of paragraphs: MinHash + LSH banding + exact verification, with recall measured in the same run
// against the exact answer on a sample (an inverted-index all-pairs computation that equals brute
// force; it is itself checked against a literal O(n²) loop on a smaller sub-sample).
//
//   npx tsx bench/near-duplicates.ts --n 100000
//   npx tsx bench/near-duplicates.ts --n 1000000 --sample 20000
//
// Synthetic corpus (labelled synthetic, generated here, deterministic by --seed): paragraphs of 25–90
// words drawn from a Zipf-distributed vocabulary of 30,000 invented words; 15% of paragraphs are
// edited copies of an earlier one (each word substituted, dropped or followed by an insertion with
// probability up to 0.3), so similarities spread over the whole range. Each paragraph is tokenized
// with the shared tokenizer (featureTokens: src/search/tokenize.ts, with its equivalent ASCII fast
// path), its word 3-shingles hashed to 32 bits.
import { featureTokens } from '../src/modules/coherence/similarity.js';
import {
  DEFAULT_LSH,
  MinHasher,
  bruteForcePairs,
  exactPairs,
  hashPair,
  hashString,
  jaccard,
  lshCandidates,
  unpackPair,
  type FeatureStore,
} from '../src/modules/coherence/minhash.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const N = arg('n', 100_000);
const SAMPLE = Math.min(arg('sample', 20_000), N);
const BRUTE = Math.min(arg('brute', 3_000), SAMPLE);
const THRESHOLD = arg('threshold', 0.5);
const SEED = arg('seed', 42);
const BANDS = arg('bands', DEFAULT_LSH.bands);
const ROWS = arg('rows', DEFAULT_LSH.rows);

// ---- deterministic PRNG (mulberry32)
let state = SEED >>> 0;
function rand(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// ---- vocabulary of invented words with a Zipf (s ≈ 1) rank distribution
const SYLLABLES = ['ra', 'to', 'mi', 'ke', 'lu', 'sa', 'no', 'vi', 'de', 'pa', 'go', 'fe', 'ti', 'bu', 'ha', 'zo', 'ne', 'qu', 'li', 'mo', 'ar', 'en', 'is', 'ul', 'or'];
const VOCAB = 30_000;
const words: string[] = [];
const seen = new Set<string>();
while (words.length < VOCAB) {
  const n = 2 + Math.floor(rand() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
  if (!seen.has(w)) {
    seen.add(w);
    words.push(w);
  }
}
const cdf = new Float64Array(VOCAB);
let acc = 0;
for (let i = 0; i < VOCAB; i++) cdf[i] = acc += 1 / (i + 1);
for (let i = 0; i < VOCAB; i++) cdf[i]! /= acc;
function zipfWord(): number {
  const u = rand();
  let lo = 0;
  let hi = VOCAB - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---- corpus: word-id sequences; duplicates copy and edit a recent paragraph
const DUP_RATE = 0.15;
const RECENT = 5_000;
const seqs: Uint16Array[] = [];
function generate(i: number): Uint16Array {
  if (i > 0 && rand() < DUP_RATE) {
    const src = seqs[Math.max(0, i - 1 - Math.floor(rand() * Math.min(i, RECENT)))]!;
    const p = rand() * 0.3;
    const out: number[] = [];
    for (const w of src) {
      const u = rand();
      if (u < p / 3) continue; // deleted
      out.push(u < (2 * p) / 3 ? zipfWord() : w); // substituted or kept
      if (rand() < p / 3) out.push(zipfWord()); // insertion
    }
    return Uint16Array.from(out.length ? out : [zipfWord()]);
  }
  const len = 25 + Math.floor(rand() * 66);
  const out = new Uint16Array(len);
  for (let k = 0; k < len; k++) out[k] = zipfWord();
  return out;
}

const mb = (b: number) => Math.round(b / 1048576);
let peakHeap = 0;
const samplePeak = () => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
};

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const c0 = cpu();
const t0 = performance.now();
// Text -> tokens -> 3-shingle hashes, streamed into one flat store (the text itself is not kept).
let data = new Uint32Array(N * 40);
const offsets = new Uint32Array(N + 1);
let at = 0;
let tokenizeMs = 0;
let generateMs = 0;
const shingles = new Uint32Array(4096);
for (let i = 0; i < N; i++) {
  const tg = performance.now();
  const seq = generate(i);
  seqs.push(seq);
  let text = '';
  for (let k = 0; k < seq.length; k++) text += (k ? ' ' : '') + words[seq[k]!];
  const ts = performance.now();
  generateMs += ts - tg;
  const toks = featureTokens(text);
  tokenizeMs += performance.now() - ts;
  const ids = toks.map(hashString);
  let ns = 0;
  if (ids.length < 3) shingles[ns++] = ids.length ? hashPair(ids[0]!, ids[1] ?? 0) : 0;
  for (let k = 0; k + 2 < ids.length; k++) shingles[ns++] = hashPair(hashPair(ids[k]!, ids[k + 1]!), ids[k + 2]!);
  const sorted = shingles.subarray(0, ns).sort();
  if (at + ns > data.length) {
    const next = new Uint32Array(Math.ceil(data.length * 1.5) + ns);
    next.set(data.subarray(0, at));
    data = next;
  }
  let prev = -1;
  for (let k = 0; k < ns; k++) if (sorted[k] !== prev) data[at++] = prev = sorted[k]!;
  offsets[i + 1] = at;
  if (i % 100_000 === 0) samplePeak();
}
seqs.length = 0; // the generator's memory is not part of the method
const store: FeatureStore = { data: data.subarray(0, at), offsets, size: N };
const tPrep = performance.now();
const cPrep = cpu();
samplePeak();

// ---- the method under test
const params = { bands: BANDS, rows: ROWS, seed: DEFAULT_LSH.seed };
const hasher = new MinHasher(params);
const sigs = hasher.signatures(store);
const tSig = performance.now();
samplePeak();
const { pairs, stats } = lshCandidates(sigs, N, params, { maxBucket: 1000 });
const tLsh = performance.now();
samplePeak();
const found: number[] = [];
for (let p = 0; p < pairs.length; p++) {
  const [i, j] = unpackPair(pairs[p]!);
  if (jaccard(store, i, j) >= THRESHOLD) found.push(pairs[p]!);
}
const tVerify = performance.now();
const cVerify = cpu();
samplePeak();

// ---- recall on a sample: the first SAMPLE paragraphs (duplicates copy recent paragraphs, so the
// sample keeps its duplicate families), exact answer vs the method's answer restricted to it.
const sampleIds = Array.from({ length: SAMPLE }, (_, i) => i);
const tx0 = performance.now();
const exact = exactPairs(store, THRESHOLD, sampleIds);
const tExact = performance.now() - tx0;
const foundSet = new Set(found);
const hit = exact.filter((p) => foundSet.has(p.i * 2 ** 21 + p.j)).length;
const recall = exact.length ? hit / exact.length : 1;
const lshInSample = found.filter((p) => unpackPair(p)[1] < SAMPLE).length;

// ---- the exact method equals a literal brute force (checked on a sub-sample)
const bruteIds = sampleIds.slice(0, BRUTE);
const tb0 = performance.now();
const brute = bruteForcePairs(store, THRESHOLD, bruteIds);
const tBrute = performance.now() - tb0;
const exactSub = exactPairs(store, THRESHOLD, bruteIds);
const agree = brute.length === exactSub.length && brute.every((p) => exactSub.some((q) => q.i === p.i && q.j === p.j));
samplePeak();

const ru = process.resourceUsage();
const s = (ms: number) => (ms / 1000).toFixed(1);
const report = {
  paragraphs: N,
  threshold: THRESHOLD,
  lsh: `${BANDS} bands x ${ROWS} rows (${BANDS * ROWS} hashes)`,
  shingles: at,
  seconds: {
    generateSyntheticText: s(generateMs),
    tokenizeAndShingle: s(tPrep - t0 - generateMs),
    ofWhichTokenize: s(tokenizeMs),
    signatures: s(tSig - tPrep),
    lshBanding: s(tLsh - tSig),
    verify: s(tVerify - tLsh),
    minhashLshVerify: s(tVerify - tPrep),
    detectionFromText: s(tVerify - t0 - generateMs),
    endToEndWithGeneration: s(tVerify - t0),
  },
  // CPU time (user + system) of this process: robust when other work shares the machine.
  cpuSeconds: {
    generateTokenizeAndShingle: s(cPrep - c0),
    minhashLshVerify: s(cVerify - cPrep),
    total: s(cVerify - c0),
  },
  candidates: stats.candidates,
  skippedBuckets: stats.skippedBuckets,
  pairsFound: found.length,
  recall: {
    sample: SAMPLE,
    exactPairs: exact.length,
    foundByLsh: hit,
    lshPairsInSample: lshInSample,
    recall: Number(recall.toFixed(4)),
    exactSeconds: s(tExact),
  },
  bruteForceCheck: { items: BRUTE, pairs: brute.length, seconds: s(tBrute), agreesWithExact: agree },
  memoryMB: { peakRss: mb(ru.maxRSS * 1024), peakHeapPlusBuffers: mb(peakHeap) },
};
console.log(JSON.stringify(report, null, 2));
if (!agree) process.exitCode = 1;
